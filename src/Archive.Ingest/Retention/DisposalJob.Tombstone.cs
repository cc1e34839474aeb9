using System.Text.Json.Nodes;
using Archive.Ingest.Reading;
using NodaTime.Text;

namespace Archive.Ingest.Retention;

public sealed partial class DisposalJob
{
    /// <summary>Appends the version's <c>retention.disposed</c> tombstone (once: idempotency key) and records it.</summary>
    private async Task AppendTombstoneAsync(Disposal disposal, (SealedVersion Sealed, DisposedVersion Info) version, CancellationToken ct)
    {
        var info = version.Info;
        var fields = new JsonObject
        {
            ["disposal"] = disposal.Id.ToString(),
            ["project"] = info.ProjectCode,
            ["version"] = info.Version,
            ["manifestSha256"] = info.ManifestSha256,
            ["retention"] = new JsonObject
            {
                ["policy"] = info.Policy,
                ["sealedUntil"] = info.SealedUntil is { } sealedUntil ? LocalDatePattern.Iso.Format(sealedUntil) : null,
                ["until"] = LocalDatePattern.Iso.Format(info.RetainUntil),
            },
            ["items"] = new JsonArray(info.Items.Select(i => (JsonNode?)new JsonObject
            {
                ["path"] = i.Path,
                ["role"] = i.Role,
                ["size"] = i.Size,
                ["sha256"] = i.Sha256,
                ["sm3"] = i.Sm3,
            }).ToArray()),
        };
        AddDecisionFields(fields, disposal);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var entry = await ledger.AppendInTransactionAsync(conn, tx, RetentionEntries.Disposed, fields,
            $"retention.disposed:{disposal.Id:N}:{info.ProjectCode}:v{info.Version}", ct);
        await RetentionQueries.ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.disposed_versions (project_code, version, disposal_id, tombstone_entry, disposed_at)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
            """, ct, info.ProjectCode, info.Version, disposal.Id, entry.Index, clock.GetCurrentInstant());
        // The text extracted from the version's PDFs for full-text search is content too: it goes with the content.
        await RetentionQueries.ExecuteAsync(conn, tx,
            "DELETE FROM ingest.item_texts WHERE project_code = $1 AND version = $2", ct, info.ProjectCode, info.Version);
        await tx.CommitAsync(ct);
    }

    /// <summary>What every tombstone of the disposal names: the reason, the proposal, the decisions and the register.</summary>
    private static void AddDecisionFields(JsonObject fields, Disposal disposal)
    {
        fields["reason"] = disposal.Reason;
        fields["proposal"] = new JsonObject
        {
            ["entry"] = disposal.ProposedEntry,
            ["principal"] = disposal.ProposedById.ToString(),
            ["principalName"] = disposal.ProposedBy,
        };
        fields["decisions"] = new JsonArray(disposal.Decisions.Select(d => (JsonNode?)new JsonObject
        {
            ["entry"] = d.LedgerIndex,
            ["approver"] = d.ApproverId.ToString(),
            ["approverName"] = d.ApproverName,
            ["decision"] = d.Decision,
        }).ToArray());
        fields["register"] = new JsonObject { ["key"] = disposal.RegisterKey, ["sha256"] = disposal.RegisterSha256 };
    }
}
