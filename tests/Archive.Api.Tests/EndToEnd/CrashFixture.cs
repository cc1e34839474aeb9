using Archive.Testing;
using Archive.Api.Tests.Infrastructure;
using Npgsql;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// One database and data folder (filesystem stores) for the crash tests: one project per kill point with version 1
/// archived, and a bystander project whose submission is open with its items uploaded. The host is a child process,
/// started and killed by each test.
/// </summary>
public sealed class CrashFixture : IAsyncLifetime
{
    /// <summary>Points of the sealing job after which the host is killed (see ARCHIVE_FAULT_INJECTION).</summary>
    public static readonly string[] KillPoints = ["FixVersion", "Promote", "Manifest", "Bag", "LedgerAppend", "Ledger", "Confirm"];

    public Dictionary<string, string?> Settings { get; private set; } = null!;

    public string IngestToken { get; private set; } = null!;

    public string ArchivistToken { get; private set; } = null!;

    /// <summary>Per kill point: the project code and its version 1 manifest's SHA-256.</summary>
    public Dictionary<string, (string Code, string V1Sha256)> Projects { get; } = new(StringComparer.Ordinal);

    public string BystanderCode { get; } = SampleProject.NewCode();

    public Guid BystanderSubmission { get; private set; }

    public string DataDirectory => Settings["ARCHIVE_DATA_DIR"]!;

    /// <summary>The host's database as the superuser (the test's inspection).</summary>
    public string Database => TestServices.AsSuperuser(Settings["ARCHIVE_DB"]!);

    public async Task InitializeAsync()
    {
        Settings = await ChildHost.NewSettingsAsync();
        await using var host = await ChildHost.StartAsync(Settings);
        (IngestToken, ArchivistToken) = await IngestFlow.PrincipalsAsync(host.ClientWith(Settings["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"]));
        var ingest = host.ClientWith(IngestToken);
        var submissions = new List<(string Point, string Code, Guid Id)>();
        foreach (var point in KillPoints)
        {
            var code = SampleProject.NewCode();
            var id = await IngestFlow.OpenAsync(ingest, code);
            await IngestFlow.UploadAsync(ingest, id, SampleProject.RequiredItems());
            await IngestFlow.SealAsync(ingest, id);
            submissions.Add((point, code, id));
        }

        foreach (var (point, code, id) in submissions)
        {
            var state = await ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(60));
            Projects[point] = (code, state.GetProperty("manifestSha256").GetString()!);
        }

        BystanderSubmission = await IngestFlow.OpenAsync(ingest, BystanderCode);
        await IngestFlow.UploadAsync(ingest, BystanderSubmission, SampleProject.RequiredItems());
    }

    public Task DisposeAsync()
    {
        // The hosts are gone (each test kills its own); the recordings would fill /tmp run after run.
        Directory.Delete(DataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The settings plus <c>ARCHIVE_FAULT_INJECTION</c>.</summary>
    public Dictionary<string, string?> SettingsWithFault(string fault) => new(Settings) { ["ARCHIVE_FAULT_INJECTION"] = fault };

    /// <summary>The submission's status and the project's recorded versions, read from the database while no host runs.</summary>
    public async Task<(string Status, IReadOnlyList<int> Versions)> DurableStateAsync(Guid submission, string code)
    {
        await using var conn = new NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var status = new NpgsqlCommand("SELECT status FROM ingest.submissions WHERE id = $1", conn) { Parameters = { new() { Value = submission } } };
        var s = (string)(await status.ExecuteScalarAsync())!;
        await using var versions = new NpgsqlCommand("SELECT version FROM ingest.versions WHERE project_code = $1 ORDER BY version", conn) { Parameters = { new() { Value = code } } };
        var list = new List<int>();
        await using var reader = await versions.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetInt32(0));
        }

        return (s, list);
    }

    /// <summary>Every file (hidden temporary files included) left in the submission's staging folder of the online store.</summary>
    public IReadOnlyList<string> StagingFiles(Guid submission)
    {
        var folder = Path.Combine(DataDirectory, "online", "staging", submission.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
