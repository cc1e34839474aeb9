using Archive.Api.Cli;
using Archive.Api.Hosting;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests.Cli;

/// <summary>
/// Start-up refuses, with a stable code, a Chinese message and exit code <see cref="StartupRefusedException.ExitCode"/>,
/// a runtime database role that can rewrite the ledger (under <c>ARCHIVE_DB_STRICT=true</c>) and secret files that
/// other accounts can read; a refused start changes nothing. Run through the program's command line in process (the
/// same start-up as <c>serve</c>).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class StartupRefusalTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Start_Refuses_WhenStrictAndTheRuntimeRoleIsSuperuser_LeavingTheLedgerEmpty()
    {
        var database = await TestServices.CreateDatabaseAsync("strict");
        await using var factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?> { ["ARCHIVE_DB"] = database, ["ARCHIVE_DB_OWNER"] = null }, database);
        var settings = new Dictionary<string, string?>(CliRun.SettingsOf(factory)) { ["ARCHIVE_DB_STRICT"] = "true" };

        var (exit, output) = await ImportNothingAsync(settings);

        Assert.True(exit == StartupRefusedException.ExitCode, output);
        Assert.Contains(DatabaseRoles.PrivilegedCode, output, StringComparison.Ordinal);
        Assert.Contains("ARCHIVE_DB_OWNER", output, StringComparison.Ordinal);
        Assert.Equal(0L, await TestDatabase.ScalarAsync(database, "SELECT count(*) FROM ledger.entries"));
    }

    [Fact]
    public async Task Start_OnlyWarns_WhenNotStrictAndTheRuntimeRoleIsSuperuser()
    {
        var database = await TestServices.CreateDatabaseAsync("lenient");
        await using var factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?> { ["ARCHIVE_DB"] = database, ["ARCHIVE_DB_OWNER"] = null }, database);

        var (exit, output) = await ImportNothingAsync(CliRun.SettingsOf(factory));

        Assert.True(exit == ArchiveCli.Success, output);
    }

    [Theory]
    [InlineData("ledger-signing.key", SecretFiles.KeyExposedCode)]
    [InlineData("admin-token", SecretFiles.TokenExposedCode)]
    public async Task Start_Refuses_WhenASecretFileIsReadableByOthers(string file, string code)
    {
        var data = Directory.CreateTempSubdirectory("archive-secrets-").FullName;
        try
        {
            var database = await TestServices.CreateDatabaseAsync("secrets");
            await using var factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?> { ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = null }, database, data);
            var settings = CliRun.SettingsOf(factory);
            var (first, firstOutput) = await ImportNothingAsync(settings);
            Assert.True(first == ArchiveCli.Success, firstOutput);
            var path = Path.Combine(data, file);
            Assert.Equal(Private, File.GetUnixFileMode(path));
            var entries = await TestDatabase.ScalarAsync(database, "SELECT count(*) FROM ledger.entries");

            File.SetUnixFileMode(path, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var (exit, output) = await ImportNothingAsync(settings);

            Assert.True(exit == StartupRefusedException.ExitCode, output);
            Assert.Contains(code, output, StringComparison.Ordinal);
            Assert.Contains("chmod 600", output, StringComparison.Ordinal);
            Assert.Equal(entries, await TestDatabase.ScalarAsync(database, "SELECT count(*) FROM ledger.entries"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> ImportNothingAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var empty = Directory.CreateTempSubdirectory("archive-empty-import-").FullName;
        try
        {
            return await CliRun.RunAsync(["import", empty], settings);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
