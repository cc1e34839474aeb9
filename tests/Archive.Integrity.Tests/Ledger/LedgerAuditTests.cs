using System.Text;
using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Ledger.Audit;
using Archive.Integrity.Notes;
using Archive.Testing;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>The ledger's self-audit against changes made with superuser rights and the append-only triggers disabled.</summary>
public sealed class LedgerAuditTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    [Fact]
    public async Task AuditAsync_Passes_WhenLedgerUntouched()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);

        var report = await new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey).AuditAsync(CancellationToken.None);

        Assert.True(report.Passed, string.Join("; ", report.Findings));
        Assert.Equal((15L, 2), (report.Size, report.CheckpointsChecked));
        Assert.Null(report.FirstBadIndex);
    }

    [Fact]
    public async Task AuditAsync_ReportsFirstBadIndex_WhenEntryUpdated()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);
        await db.TamperAsync("ledger.entries", "UPDATE ledger.entries SET bytes = convert_to(replace(convert_from(bytes, 'UTF8'), '\"i\":4', '\"i\":40'), 'UTF8') WHERE index = 4");

        var report = await new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey).AuditAsync(CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Equal(4L, report.FirstBadIndex);
        Assert.Contains(report.Findings, f => f.Kind == "entry.changed" && f.Index == 4);
    }

    [Fact]
    public async Task AuditAsync_ReportsFirstBadIndex_WhenEntriesReordered()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);
        await db.TamperAsync("ledger.entries", """
            UPDATE ledger.entries e SET bytes = o.bytes FROM ledger.entries o
            WHERE (e.index = 7 AND o.index = 11) OR (e.index = 11 AND o.index = 7)
            """);

        var report = await new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey).AuditAsync(CancellationToken.None);

        Assert.Equal(7L, report.FirstBadIndex);
    }

    [Fact]
    public async Task AuditAsync_ReportsFirstBadIndex_WhenNewestEntriesDeleted()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);
        await db.TamperAsync("ledger.entries", "DELETE FROM ledger.entries WHERE index >= 12");

        var report = await new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey).AuditAsync(CancellationToken.None);

        Assert.Equal(12L, report.Size);
        Assert.Equal(12L, report.FirstBadIndex);
        Assert.Contains(report.Findings, f => f.Kind == "checkpoint.beyond-log");
    }

    [Fact]
    public async Task AuditAsync_ReportsMissingEntry_WhenMiddleEntryDeleted()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);
        await db.TamperAsync("ledger.entries", "DELETE FROM ledger.entries WHERE index = 9");

        var report = await new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey).AuditAsync(CancellationToken.None);

        Assert.Equal(9L, report.FirstBadIndex);
        Assert.Contains(report.Findings, f => f.Kind == "entry.missing");
    }

    [Fact]
    public async Task AuditAsync_ReportsForgedCheckpoint_WhenSignedByAnotherKey()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);
        var forged = new Checkpoint(LedgerTestDatabase.Origin, 15, new byte[32]).Sign(NoteSigner.Generate(LedgerTestDatabase.Origin));
        await db.TamperAsync("ledger.checkpoints", $"UPDATE ledger.checkpoints SET note = '{forged}' WHERE tree_size = 15");

        var report = await new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey).AuditAsync(CancellationToken.None);

        Assert.Contains(report.Findings, f => f.Kind == "checkpoint.signature");
    }

    [Fact]
    public async Task RunAsync_AppendsLedgerAudited_WithFirstBadIndex()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = await SeedAsync(db);
        await db.TamperAsync("ledger.entries", "UPDATE ledger.entries SET bytes = bytes || ' '::bytea WHERE index = 2");

        var (report, index) = await new LedgerAuditRun(new LedgerAuditor(db.CreateDataSource(), ledger.VerifierKey), ledger).RunAsync(CancellationToken.None);

        Assert.Equal(15L, index);
        var entry = JsonNode.Parse(Encoding.UTF8.GetString((await ledger.GetEntryAsync(index, CancellationToken.None))!))!;
        Assert.Equal("ledger.audited", (string?)entry["type"]);
        Assert.Equal("failed", (string?)entry["result"]);
        Assert.Equal(2L, (long?)entry["firstBadIndex"]);
        Assert.Equal(report.Findings.Count, (int?)entry["findingCount"]);
    }

    /// <summary>15 entries with checkpoints at 10 and 15.</summary>
    private static async Task<PostgresLedger> SeedAsync(TestDatabase db)
    {
        var ledger = db.CreateLedger(Signer);
        for (var i = 0; i < 15; i++)
        {
            await ledger.AppendAsync("test.audit", new JsonObject { ["i"] = i });
            if (i is 9 or 14)
            {
                await ledger.SignCheckpointAsync(CancellationToken.None);
            }
        }

        return ledger;
    }
}
