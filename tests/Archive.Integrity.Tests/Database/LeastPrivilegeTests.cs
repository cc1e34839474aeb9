using System.Diagnostics;
using System.Text.Json.Nodes;
using Archive.Integrity.Database;
using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;
using Archive.Integrity.Tests.Ledger;
using Archive.Testing;
using Npgsql;

namespace Archive.Integrity.Tests.Database;

/// <summary>
/// The application role (what the host connects as) cannot rewrite the ledger by any statement: it may only read and
/// append. Each test first appends and signs through a real ledger as that role, so the refusals are of privilege, not
/// of empty tables.
/// </summary>
public sealed class LeastPrivilegeTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    public static TheoryData<string> LedgerTables => ["entries", "tree_hashes", "checkpoints", "verifier_keys"];

    [Theory]
    [MemberData(nameof(LedgerTables))]
    public async Task AppRole_CannotUpdateDeleteOrTruncate_LedgerTables(string table)
    {
        await using var db = await FilledLedgerAsync();

        foreach (var sql in new[] { $"UPDATE ledger.{table} SET {FirstColumn(table)} = {FirstColumn(table)}", $"DELETE FROM ledger.{table}", $"TRUNCATE ledger.{table} CASCADE" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.ExecuteAsync(db.ConnectionString, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }

        Assert.True(await db.ScalarAsync($"SELECT count(*) FROM ledger.{table}") > 0);
    }

    [Theory]
    [MemberData(nameof(LedgerTables))]
    public async Task AppRole_CannotDisableTheAppendOnlyTriggers(string table)
    {
        await using var db = await FilledLedgerAsync();

        var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.ExecuteAsync(db.ConnectionString, $"ALTER TABLE ledger.{table} DISABLE TRIGGER USER"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState); // must be owner of table
        Assert.Equal(0L, await db.ScalarAsync($"SELECT count(*) FROM pg_trigger WHERE tgrelid = 'ledger.{table}'::regclass AND tgenabled = 'D'"));
    }

    [Fact]
    public async Task AppRole_CannotSwitchOffTriggersWithSessionReplicationRole()
    {
        await using var db = await FilledLedgerAsync();

        var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.ExecuteAsync(
            db.ConnectionString, "SET session_replication_role = replica; DELETE FROM ledger.entries"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        Assert.Equal(3L, await db.ScalarAsync("SELECT count(*) FROM ledger.entries"));
    }

    [Fact]
    public async Task VerifierKeys_RefuseTruncate_EvenForTheOwner()
    {
        await using var db = await FilledLedgerAsync();

        // CASCADE also truncates ledger.checkpoints (which has its own guard); the named table's trigger fires first.
        var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.ExecuteAsync(db.OwnerConnectionString, "TRUNCATE ledger.verifier_keys CASCADE"));

        Assert.Equal("ledger.verifier_keys is append-only", e.MessageText);
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM ledger.verifier_keys"));
    }

    [Fact]
    public async Task RuntimeRole_TellsTheAppRoleFromOwnerAndSuperuser()
    {
        await using var db = await FilledLedgerAsync();

        var app = await RuntimeRole.InspectAsync(db.ConnectionString, CancellationToken.None);
        var owner = await RuntimeRole.InspectAsync(db.OwnerConnectionString, CancellationToken.None);
        var superuser = await RuntimeRole.InspectAsync(db.SuperuserConnectionString, CancellationToken.None);

        Assert.Equal(new RuntimeRole(TestServices.AppRole, false, false), app);
        Assert.False(app.CanRewriteLedger);
        Assert.True(owner is { OwnsLedger: true, IsSuperuser: false, CanRewriteLedger: true });
        Assert.True(superuser is { IsSuperuser: true, CanRewriteLedger: true });
    }

    [Fact]
    public async Task RuntimeGrants_Refuse_WhenTheRuntimeRoleIsTheOwner()
    {
        await using var db = await FilledLedgerAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => RuntimeGrants.ApplyAsync(db.OwnerConnectionString, TestServices.OwnerRole, CancellationToken.None));
    }

    [Fact]
    public async Task AnotherOsAccount_CannotConnectToTheCluster()
    {
        var target = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdmin);
        string[] args = [Psql(), "-w", "-h", target.Host!, "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", TestServices.AppRole, "-d", "postgres", "-tAc", "SELECT 1"];

        var (ownCode, ownOutput) = await RunAsync(args, ("PGPASSFILE", target.Passfile!));
        var (otherCode, otherOutput) = await RunAsync(["runuser", "-u", "nobody", "--", .. args], ("PGPASSFILE", target.Passfile!));

        Assert.True(ownCode == 0, ownOutput); // the same command, with the password file, connects
        Assert.NotEqual(0, otherCode);
        Assert.Contains("password", otherOutput, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<TestDatabase> FilledLedgerAsync()
    {
        var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        for (var i = 0; i < 3; i++)
        {
            await ledger.AppendAsync("test.entry", new JsonObject { ["n"] = i }, null, CancellationToken.None);
        }

        Assert.NotNull(await ledger.SignCheckpointAsync(CancellationToken.None));
        return db;
    }

    private static string FirstColumn(string table) => table switch
    {
        "entries" => "bytes",
        "tree_hashes" => "hash",
        "checkpoints" => "note",
        _ => "name",
    };

    private static string Psql() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).First(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] args, (string Name, string Value) variable)
    {
        var start = new ProcessStartInfo(args[0], args[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[variable.Name] = variable.Value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
