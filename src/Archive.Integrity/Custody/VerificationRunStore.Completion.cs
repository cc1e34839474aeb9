using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using Archive.Integrity.Ledger;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Integrity.Custody;

public sealed partial class VerificationRunStore
{
    /// <summary>Ledger entry type of a completed run.</summary>
    public const string CompletedEntry = "verification.completed";

    /// <summary>The format name of a run's report document.</summary>
    public const string ReportFormat = "archive-verification-report/1";

    /// <summary>
    /// Completes a running run whose every object is checked, in one transaction: its report (canonical JSON), the
    /// <c>verification.completed</c> ledger entry with the report's digest, the projects' last verification per copy.
    /// Returns false when objects remain or another process completed it.
    /// </summary>
    /// <param name="id">The run.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="now">The time.</param>
    /// <param name="ct">Cancels the transaction.</param>
    public async Task<bool> TryCompleteAsync(Guid id, ILedger ledger, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var locked = new NpgsqlCommand(
            """
            SELECT 1 FROM custody.runs WHERE id = $1 AND status = 'running'
              AND NOT EXISTS (SELECT 1 FROM custody.run_objects WHERE run_id = $1 AND state <> 'done')
            FOR UPDATE
            """, conn, tx))
        {
            locked.Parameters.Add(new() { Value = id });
            if (await locked.ExecuteScalarAsync(ct) is null)
            {
                return false;
            }
        }

        var run = (await ReadRunAsync(conn, tx, id, ct))! with { CompletedAt = now, Status = VerificationRunStatus.Completed };
        var report = CanonicalJson.Serialize(ReportOf(run));
        var reportSha256 = Convert.ToHexStringLower(SHA256.HashData(report));
        var entry = await ledger.AppendInTransactionAsync(conn, tx, CompletedEntry, new JsonObject
        {
            ["run"] = id.ToString("D"),
            ["trigger"] = run.Trigger,
            ["copies"] = new JsonArray(run.Copies.Select(c => (JsonNode?)CopyNames.Of(c)).ToArray()),
            ["projects"] = run.Projects is { } p ? new JsonArray(p.Select(c => (JsonNode?)c).ToArray()) : null,
            ["objectsChecked"] = run.ObjectsChecked,
            ["bytesChecked"] = run.BytesChecked,
            ["failures"] = run.Failures.Count,
            ["repaired"] = run.Repaired,
            ["lost"] = run.Lost,
            ["reportSha256"] = reportSha256,
        }, $"{CompletedEntry}:{id:N}", ct);

        await using (var complete = new NpgsqlCommand(
            "UPDATE custody.runs SET status = 'completed', completed_at = $2, ledger_index = $3, report = $4, report_sha256 = $5 WHERE id = $1", conn, tx))
        {
            complete.Parameters.Add(new() { Value = id });
            complete.Parameters.Add(new() { Value = now });
            complete.Parameters.Add(new() { Value = entry.Index });
            complete.Parameters.Add(new() { Value = report });
            complete.Parameters.Add(new() { Value = reportSha256 });
            await complete.ExecuteNonQueryAsync(ct);
        }

        await using (var last = new NpgsqlCommand(
            """
            INSERT INTO custody.project_verifications (project_code, copy, run_id, verified_at, result)
            SELECT o.project_code, ro.copy, $1, $2,
                   CASE WHEN bool_or(f.lost) THEN 'lost' WHEN bool_or(f.kind IS NOT NULL AND NOT f.repaired) THEN 'failed'
                        WHEN bool_or(f.repaired) THEN 'repaired' ELSE 'ok' END
            FROM custody.run_objects ro
            JOIN custody.objects o ON o.copy = ro.copy AND o.key = ro.key
            LEFT JOIN custody.run_failures f ON f.run_id = ro.run_id AND f.copy = ro.copy AND f.key = ro.key
            WHERE ro.run_id = $1
            GROUP BY o.project_code, ro.copy
            ON CONFLICT (project_code, copy) DO UPDATE SET run_id = excluded.run_id, verified_at = excluded.verified_at, result = excluded.result
            """, conn, tx))
        {
            last.Parameters.Add(new() { Value = id });
            last.Parameters.Add(new() { Value = now });
            await last.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The report document of a run: what it checked, what failed, what was repaired or lost.</summary>
    /// <param name="run">The run.</param>
    public static JsonObject ReportOf(VerificationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var failures = new JsonArray();
        foreach (var f in run.Failures)
        {
            failures.Add(new JsonObject
            {
                ["project"] = f.Project, ["version"] = f.Version, ["copy"] = CopyNames.Of(f.Copy), ["path"] = f.Path,
                ["kind"] = f.Kind, ["repaired"] = f.Repaired, ["lost"] = f.Lost, ["ledgerIndex"] = f.LedgerIndex,
            });
        }

        return new JsonObject
        {
            ["format"] = ReportFormat,
            ["run"] = run.Id.ToString("D"),
            ["trigger"] = run.Trigger,
            ["copies"] = new JsonArray(run.Copies.Select(c => (JsonNode?)CopyNames.Of(c)).ToArray()),
            ["projects"] = run.Projects is { } p ? new JsonArray(p.Select(c => (JsonNode?)c).ToArray()) : null,
            ["startedAt"] = run.StartedAt is { } s ? InstantPattern.ExtendedIso.Format(s) : null,
            ["completedAt"] = run.CompletedAt is { } c ? InstantPattern.ExtendedIso.Format(c) : null,
            ["objectsChecked"] = run.ObjectsChecked,
            ["bytesChecked"] = run.BytesChecked,
            ["repaired"] = run.Repaired,
            ["lost"] = run.Lost,
            ["projectsLost"] = new JsonArray(run.Failures.Where(f => f.Lost).Select(f => f.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(x => (JsonNode?)x).ToArray()),
            ["failures"] = failures,
        };
    }
}
