using System.Text;
using System.Text.Json.Nodes;
using Archive.Ingest.FourProperties;
using Archive.Ingest.Hosting;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using Archive.Ingest.Sealing;
using Archive.Ingest.Submissions;
using Archive.Ingest.Tests.Policies;
using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;
using Archive.Storage;
using Archive.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Archive.Ingest.Tests.Sealing;

/// <summary>
/// One sealing world per test: a fresh migrated database, a real ledger with its checkpoint loop running, real stores
/// (filesystem, s3rver or Azurite), the committed retention policies and a <see cref="SubmissionService"/>.
/// </summary>
internal sealed class SealingHarness : IAsyncDisposable
{
    public const string Origin = "test.example/archive-ledger";
    public const string Platform = "云南省公共资源交易电子服务系统";

    private readonly CancellationTokenSource stop = new();
    private readonly List<Func<Task>> cleanups = [];
    private Task checkpointLoop = Task.CompletedTask;

    private SealingHarness(string connectionString, NpgsqlDataSource dataSource, IngestStores stores, PolicyCatalog policies)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
        Stores = stores;
        Policies = policies;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public IngestStores Stores { get; }

    public PolicyCatalog Policies { get; }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2025, 6, 3, 2, 0, 0), Duration.FromMilliseconds(1));

    public Archive.Integrity.Ledger.Ledger Ledger { get; private set; } = null!;

    public RecordingScheduler Scheduler { get; } = new();

    public IngestOptions Options { get; } = new() { PoliciesDirectory = PolicyFolder.Committed() };

    public string? OnlineRoot { get; private set; }

    public string? OfflineRoot { get; private set; }

    public IngestCaller Caller { get; } = new(Guid.NewGuid(), Platform);

    public static async Task<SealingHarness> CreateAsync(string online = "file", string offline = "file", IObjectStore? onlineOverride = null)
    {
        var cs = await TestServices.CreateDatabaseAsync("seal");
        await LedgerSchema.MigrateAsync(cs, CancellationToken.None);
        await IngestSchema.MigrateAsync(cs, CancellationToken.None);
        var dataSource = new NpgsqlDataSourceBuilder(cs).UseNodaTime().Build();
        var (onlineStore, onlineRoot) = await CreateStoreAsync(online);
        var (offlineStore, offlineRoot) = await CreateStoreAsync(offline);
        var harness = new SealingHarness(cs, dataSource, new IngestStores(onlineOverride ?? onlineStore, offlineStore), PolicyCatalog.Load(PolicyFolder.Committed()))
        {
            OnlineRoot = onlineRoot,
            OfflineRoot = offlineRoot,
        };
        harness.Ledger = new Archive.Integrity.Ledger.Ledger(dataSource, harness.Clock, NoteSigner.Generate(Origin),
            new LedgerOptions { Origin = Origin, CheckpointInterval = TimeSpan.FromMilliseconds(200) },
            NullLogger<Archive.Integrity.Ledger.Ledger>.Instance);
        harness.checkpointLoop = harness.Ledger.RunCheckpointLoopAsync(harness.stop.Token);
        if (onlineRoot is not null)
        {
            harness.cleanups.Add(() => DeleteFolder(onlineRoot));
        }

        if (offlineRoot is not null)
        {
            harness.cleanups.Add(() => DeleteFolder(offlineRoot));
        }

        return harness;
    }

    private static async Task<(IObjectStore Store, string? Root)> CreateStoreAsync(string kind)
    {
        string? root = null;
        var store = kind switch
        {
            "file" => ObjectStoreFactory.Create("file:" + (root = Path.Combine(Path.GetTempPath(), "archive-sealing-tests", Guid.NewGuid().ToString("N")))),
            "s3" => ObjectStoreFactory.Create(TestServices.S3, TestServices.UniqueName("seal")),
            "azure" => ObjectStoreFactory.Create("azure:" + TestServices.Azure, TestServices.UniqueName("seal")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await store.EnsureReadyAsync(CancellationToken.None);
        return (store, root);
    }

    private static Task DeleteFolder(string root)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return Task.CompletedTask;
    }

    public SubmissionService Submissions => new(DataSource, new SubmissionStore(DataSource), Stores, Policies,
        new MetadataValidator(Policies, Clock), Scheduler, Options, Clock,
        new SealTimeChecks(new ContentCheckOptions { SignatureDatabase = TestServices.ClamAvTestDatabase }, DataSource, Ledger, Clock));

    public SealingJob NewJob() => new(DataSource, Stores, Ledger, Policies, Clock, NullLogger<SealingJob>.Instance);

    public static JsonObject Metadata(string code, string name = "昆明市某国有资产转让项目") => new()
    {
        ["project"] = new JsonObject { ["code"] = code, ["name"] = name, ["category"] = "other", ["region"] = "530102" },
        ["parties"] = new JsonArray(new JsonObject { ["role"] = "transferor", ["name"] = "昆明某某有限公司", ["creditCode"] = "914403001922038216" }),
        ["dates"] = new JsonObject { ["announcement"] = "2025-03-01", ["completion"] = "2025-05-20" },
    };

    /// <summary>The items that fill every required role of the <c>other</c> checklist.</summary>
    public static IReadOnlyList<(string Path, string Role, string Type, byte[] Bytes)> RequiredItems(string salt) =>
    [
        ("项目信息.json", "project-record", "application/json", Encoding.UTF8.GetBytes($$"""{"project":"{{salt}}","note":"项目信息"}""")),
        ("交易公告/公告 第1号.txt", "transaction-notice", "text/plain", Encoding.UTF8.GetBytes($"交易公告 {salt}\n")),
        ("交易文件/交易文件.pdf", "transaction-documents", "application/pdf", MinimalPdf.Bytes(salt)),
        ("交易过程记录.txt", "transaction-record", "text/plain", Encoding.UTF8.GetBytes($"竞价记录 {salt}\n")),
        ("结果公示.txt", "result-publicity", "text/plain", Encoding.UTF8.GetBytes("结果公示：同一内容在各项目间共享。\n")),
    ];

    /// <summary>Opens a submission, uploads <paramref name="items"/>, requests the seal; returns the submission id.</summary>
    public async Task<Guid> SubmitAsync(string code, IEnumerable<(string Path, string Role, string Type, byte[] Bytes)> items, JsonObject? metadata = null)
    {
        var service = Submissions;
        var submission = await service.CreateAsync(Caller, metadata ?? Metadata(code), CancellationToken.None);
        foreach (var (path, role, type, bytes) in items)
        {
            await service.PutItemAsync(Caller, submission.Id, path, role, type, null, bytes.Length, new MemoryStream(bytes), CancellationToken.None);
        }

        await service.RequestSealAsync(Caller, submission.Id, CancellationToken.None);
        return submission.Id;
    }

    public async Task<Submission> SubmissionAsync(Guid id) => (await new SubmissionStore(DataSource).FindAsync(id, CancellationToken.None))!;

    public async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new() { Value = arg });
        }

        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<byte[]> ReadAsync(IObjectStore store, string key)
    {
        await using var stream = await store.GetAsync(key, null, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task<List<string>> KeysAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(prefix, CancellationToken.None))
        {
            keys.Add(info.Key);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await checkpointLoop;
        }
        catch (OperationCanceledException)
        {
        }

        await Ledger.DisposeAsync();
        await DataSource.DisposeAsync();
        foreach (var cleanup in cleanups)
        {
            await cleanup();
        }

        stop.Dispose();
    }
}

/// <summary>Records what <see cref="SubmissionService"/> hands to the sealing job (the test runs the job itself).</summary>
internal sealed class RecordingScheduler : ISealingScheduler
{
    public List<Guid> Scheduled { get; } = [];

    public void ScheduleSealing(Guid submissionId)
    {
        lock (Scheduled)
        {
            Scheduled.Add(submissionId);
        }
    }
}
