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
using Archive.Storage.FileSystem;
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

    private SealingHarness(TestDatabase database, IngestStores stores, PolicyCatalog policies)
    {
        Database = database;
        Stores = stores;
        Policies = policies;
    }

    /// <summary>The harness's database (ledger and ingest schemas).</summary>
    public TestDatabase Database { get; }

    public string ConnectionString => Database.ConnectionString;

    public NpgsqlDataSource DataSource => Database.DataSource;

    public IngestStores Stores { get; }

    public PolicyCatalog Policies { get; }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2025, 6, 3, 2, 0, 0), Duration.FromMilliseconds(1));

    public PostgresLedger Ledger { get; private set; } = null!;

    public RecordingScheduler Scheduler { get; } = new();

    public IngestOptions Options { get; } = new() { PoliciesDirectory = PolicyFolder.Committed() };

    public string? OnlineRoot { get; private set; }

    public string? OfflineRoot { get; private set; }

    // Bound to all of Yunnan and to the free-form "YN…" codes the tests use.
    public IngestCaller Caller { get; } = new(Guid.NewGuid(), Platform, new CodeOwnership(["53"], ["YN"]));

    public static async Task<SealingHarness> CreateAsync(string online = "file", string offline = "file", IObjectStore? onlineOverride = null)
    {
        var database = await TestDatabase.CreateAsync("seal", LedgerSchema.MigrateAsync, IngestSchema.MigrateAsync);
        var (onlineStore, onlineCleanup) = await TestStores.CreateAsync(online);
        var (offlineStore, offlineCleanup) = await TestStores.CreateAsync(offline);
        var harness = new SealingHarness(database, new IngestStores(onlineOverride ?? onlineStore, offlineStore), PolicyCatalog.Load(PolicyFolder.Committed()))
        {
            OnlineRoot = (onlineStore as FileSystemObjectStore)?.Root,
            OfflineRoot = (offlineStore as FileSystemObjectStore)?.Root,
        };
        harness.cleanups.Add(onlineCleanup);
        harness.cleanups.Add(offlineCleanup);
        harness.Ledger = new PostgresLedger(database.DataSource, harness.Clock, NoteSigner.Generate(Origin),
            new LedgerOptions { Origin = Origin, CheckpointInterval = TimeSpan.FromMilliseconds(200) },
            NullLogger<PostgresLedger>.Instance);
        harness.checkpointLoop = harness.Ledger.RunCheckpointLoopAsync(harness.stop.Token);
        return harness;
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

    public Task<long> ScalarAsync(string sql, params object[] args) => Database.ScalarAsync(sql, args);

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
        await Database.DisposeAsync();
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
