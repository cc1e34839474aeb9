using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Npgsql;

namespace Archive.Api.Tests;

/// <summary>
/// Issue 9, points 1–3 through the whole host: the runtime role cannot rewrite the ledger, files are private, and
/// sealed files are write-once (the start-up refusals: <see cref="Cli.StartupRefusalTests"/>).
/// </summary>
public sealed class SecurityStartupTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task HostRuntimeRole_CannotRewriteTheLedger_ButAppends()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();
        await factory.ClientWith(factory.AdminToken).CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");

        var runtime = factory.Setting("ARCHIVE_DB")!;
        Assert.Equal(TestServices.AppRole, new NpgsqlConnectionStringBuilder(runtime).Username);
        Assert.True(await TestDatabase.ScalarAsync(runtime, "SELECT count(*) FROM ledger.entries") > 0);
        foreach (var sql in new[] { "UPDATE ledger.entries SET type = type", "DELETE FROM ledger.checkpoints", "TRUNCATE ledger.tree_hashes CASCADE", "ALTER TABLE ledger.entries DISABLE TRIGGER USER" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.ExecuteAsync(runtime, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
    }

    [Fact]
    public async Task SealedVersion_IsPrivateAndWriteOnceOnDisk_AndCopiesReportNoWorm()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();
        var admin = factory.ClientWith(factory.AdminToken);
        var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(admin);
        var ingest = factory.ClientWith(ingestToken);
        var code = SampleProject.NewCode();
        var id = await IngestFlow.OpenAsync(ingest, code);
        await IngestFlow.UploadAsync(ingest, id, SampleProject.RequiredItems());
        await IngestFlow.SealAsync(ingest, id);
        await ingest.WaitForArchivedAsync(id);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(factory.DataDirectory) & ~UnixFileMode.GroupExecute);
        var files = Directory.GetFiles(factory.DataDirectory, "*", SearchOption.AllDirectories);
        // nothing for group or other (staging files the seal has just removed are skipped)
        Assert.All(files, f => Assert.Equal((UnixFileMode)0, (ModeIfPresent(f) ?? 0) & (UnixFileMode)0b000_111_111));
        var sealedFiles = files.Where(f => f.Contains($"{Path.DirectorySeparatorChar}{code}", StringComparison.Ordinal) || f.Contains("objects", StringComparison.Ordinal)).ToList();
        Assert.Contains(sealedFiles, f => f.EndsWith("manifest.json", StringComparison.Ordinal));
        Assert.Contains(sealedFiles, f => f.EndsWith("bag-info.txt", StringComparison.Ordinal));
        Assert.All(sealedFiles, f => Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(f)));
        var witnessed = Directory.GetFiles(Path.Combine(factory.DataDirectory, "offline", "checkpoints"), "0*.txt");
        Assert.NotEmpty(witnessed);
        Assert.All(witnessed, f => Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(f)));

        var health = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/healthz");
        var summary = await factory.ClientWith(archivistToken).GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}");
        foreach (var copies in new[] { health.GetProperty("copies"), summary.GetProperty("copies") })
        {
            Assert.Equal(["online", "offline"], copies.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            Assert.All(copies.EnumerateArray(), c => Assert.False(c.GetProperty("worm").GetBoolean()));
            Assert.All(copies.EnumerateArray(), c => Assert.True(c.GetProperty("writeOnce").GetBoolean()));
        }
    }

    private static UnixFileMode? ModeIfPresent(string path)
    {
        try
        {
            return File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
