using System.Text.Json.Nodes;
using Archive.Ingest.Reading;
using Archive.Integrity.Manifests;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Retention;

public sealed partial class DisposalJob
{
    /// <summary>The disposal's single items not disposed yet (a retry skips those done), with their versions' manifests.</summary>
    private async Task<List<(SealedVersion Sealed, DisposedItem Info)>> ItemsToDisposeAsync(Disposal disposal, CancellationToken ct)
    {
        var list = new List<(SealedVersion, DisposedItem)>();
        if (disposal.Items.Count == 0)
        {
            return list;
        }

        var until = new Dictionary<DisposalItem, LocalDate>();
        await using (var cmd = dataSource.CreateCommand(
            """
            SELECT i.project_code, i.version, i.path, i.retain_until FROM ingest.disposal_items x
            JOIN ingest.item_retention i ON i.project_code = x.project_code AND i.version = x.version AND i.path = x.path
            WHERE x.disposal_id = $1 AND i.retain_until IS NOT NULL
            """))
        {
            cmd.Parameters.Add(new() { Value = disposal.Id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                until[new DisposalItem(r.GetString(0), r.GetInt32(1), r.GetString(2))] = r.GetFieldValue<LocalDate>(3);
            }
        }

        foreach (var group in disposal.Items.Where(until.ContainsKey).GroupBy(i => (i.ProjectCode, i.Version)))
        {
            var version = await catalog.FindVersionAsync(group.Key.ProjectCode, group.Key.Version, ct)
                ?? throw new InvalidOperationException($"Version {group.Key.Version} of '{group.Key.ProjectCode}' disappeared during a disposal.");
            var manifest = Manifest.Parse(await catalog.ManifestBytesAsync(version, ct));
            foreach (var item in group)
            {
                var sealedItem = manifest.Items.Single(m => m.Path == item.Path);
                list.Add((version, new DisposedItem(item.ProjectCode, manifest.Project.Name, item.Version, version.ManifestSha256, manifest.Retention.Policy,
                    sealedItem, until[item])));
            }
        }

        return list;
    }

    /// <summary>
    /// Appends one <c>retention.disposed</c> tombstone for the items of one version (once: idempotency key), with
    /// <c>scope: items</c>; each item says whether its content-addressed bytes were kept because something not disposed
    /// still references them. Records the items as disposed and drops their extracted text.
    /// </summary>
    private async Task AppendItemTombstoneAsync(Disposal disposal, IReadOnlyList<DisposedItem> items, IReadOnlySet<string> shared, CancellationToken ct)
    {
        var first = items[0];
        var fields = new JsonObject
        {
            ["disposal"] = disposal.Id.ToString(),
            ["scope"] = "items",
            ["project"] = first.ProjectCode,
            ["version"] = first.Version,
            ["manifestSha256"] = first.ManifestSha256,
            ["retention"] = new JsonObject { ["policy"] = first.Policy },
            ["items"] = new JsonArray(items.Select(i => (JsonNode?)new JsonObject
            {
                ["path"] = i.Item.Path,
                ["role"] = i.Item.Role,
                ["size"] = i.Item.Size,
                ["sha256"] = i.Item.Sha256,
                ["sm3"] = i.Item.Sm3,
                ["retention"] = new JsonObject
                {
                    ["period"] = i.Item.Retention?.Period,
                    ["sealedUntil"] = i.Item.Retention?.Until is { } sealedUntil ? LocalDatePattern.Iso.Format(sealedUntil) : null,
                    ["until"] = LocalDatePattern.Iso.Format(i.RetainUntil),
                },
                ["sharedContentKept"] = shared.Contains(i.Item.Sha256),
            }).ToArray()),
        };
        AddDecisionFields(fields, disposal);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var entry = await ledger.AppendInTransactionAsync(conn, tx, RetentionEntries.Disposed, fields,
            $"retention.disposed:{disposal.Id:N}:{first.ProjectCode}:v{first.Version}:items", ct);
        var paths = items.Select(i => i.Item.Path).ToArray();
        await RetentionQueries.ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.disposed_items (project_code, version, path, disposal_id, tombstone_entry, disposed_at)
            SELECT $1, $2, unnest($3::text[]), $4, $5, $6 ON CONFLICT DO NOTHING
            """, ct, first.ProjectCode, first.Version, paths, disposal.Id, entry.Index, clock.GetCurrentInstant());
        await RetentionQueries.ExecuteAsync(conn, tx,
            "DELETE FROM ingest.item_texts WHERE project_code = $1 AND version = $2 AND path = ANY($3)", ct, first.ProjectCode, first.Version, paths);
        await tx.CommitAsync(ct);
    }
}
