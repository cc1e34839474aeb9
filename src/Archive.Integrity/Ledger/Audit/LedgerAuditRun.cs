using System.Text.Json.Nodes;

namespace Archive.Integrity.Ledger.Audit;

/// <summary>Runs a <see cref="LedgerAuditor"/> and records its result in the ledger as a <c>ledger.audited</c> entry.</summary>
/// <param name="auditor">The auditor.</param>
/// <param name="ledger">The ledger the entry goes into (the audited one).</param>
public sealed class LedgerAuditRun(LedgerAuditor auditor, ILedger ledger)
{
    /// <summary>The entry type (CONTRACT §8).</summary>
    public const string EntryType = "ledger.audited";

    // Keeps the entry far below the ledger's 64 KiB limit however much was tampered with.
    private const int MaxFindingsRecorded = 50;

    /// <summary>Audits the ledger and appends the <c>ledger.audited</c> entry, passed or not.</summary>
    /// <param name="ct">Cancels the audit.</param>
    /// <returns>The report and the index of its ledger entry.</returns>
    /// <exception cref="Npgsql.NpgsqlException">The database failed.</exception>
    /// <exception cref="Archive.Storage.StorageException">A witness store failed.</exception>
    public async Task<(LedgerAuditReport Report, long EntryIndex)> RunAsync(CancellationToken ct)
    {
        var report = await auditor.AuditAsync(ct);
        var result = await ledger.AppendAsync(EntryType, ToFields(report), null, ct);
        return (report, result.Index);
    }

    /// <summary>The entry's fields for a report.</summary>
    /// <param name="report">The audit's report.</param>
    public static JsonObject ToFields(LedgerAuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = new JsonArray();
        foreach (var finding in report.Findings.Take(MaxFindingsRecorded))
        {
            var item = new JsonObject { ["kind"] = finding.Kind, ["message"] = finding.Message };
            if (finding.Index is { } index)
            {
                item["index"] = index;
            }

            findings.Add(item);
        }

        var fields = new JsonObject
        {
            ["result"] = report.Passed ? "passed" : "failed",
            ["critical"] = report.Critical,
            ["treeSize"] = report.Size,
            ["checkpointsChecked"] = report.CheckpointsChecked,
            ["findingCount"] = report.Findings.Count,
            ["findings"] = findings,
        };
        if (report.FirstBadIndex is { } first)
        {
            fields["firstBadIndex"] = first;
        }

        if (report.WitnessedTreeSize is { } witnessed)
        {
            fields["witnessedTreeSize"] = witnessed;
        }

        return fields;
    }
}
