using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Ingest.Retention;

public sealed partial class Disposals
{
    /// <summary>The requested items, normalised and without repeats.</summary>
    /// <exception cref="RetentionException">Too many, or an item without project, version ≥ 1 or a valid path (400).</exception>
    private static List<DisposalItem> ValidItems(IReadOnlyList<DisposalItem> items)
    {
        if (items.Count > MaxItems || items.Any(i => i is null || string.IsNullOrWhiteSpace(i.ProjectCode) || i.Version < 1 || string.IsNullOrWhiteSpace(i.Path)))
        {
            throw new RetentionException(ErrorKind.Invalid, "disposal.items", $"items 最多 {MaxItems} 项，每项须有 project、version（≥1）和 path。", "items");
        }

        var list = new List<DisposalItem>();
        foreach (var item in items)
        {
            string path;
            try
            {
                path = ItemPath.Normalize(item.Path);
            }
            catch (ArchiveException)
            {
                throw new RetentionException(ErrorKind.Invalid, "disposal.items", $"条目路径“{item.Path}”无效。", "items");
            }

            var normalized = new DisposalItem(RetentionQueries.Normalize(item.ProjectCode), item.Version, path);
            if (!list.Contains(normalized))
            {
                list.Add(normalized);
            }
        }

        return list;
    }

    /// <summary>Adds <c>items</c> to an entry's fields when the disposal covers single items (entries of whole-project disposals stay as they were).</summary>
    internal static void AddItems(JsonObject fields, IReadOnlyList<DisposalItem> items)
    {
        if (items.Count > 0)
        {
            fields["items"] = new JsonArray(items.Select(i => (JsonNode?)new JsonObject
            {
                ["project"] = i.ProjectCode,
                ["version"] = i.Version,
                ["path"] = i.Path,
            }).ToArray());
        }
    }

    private static async Task RefuseUnlessItemDueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DisposalItem item, LocalDate today, CancellationToken ct)
    {
        var name = $"项目 {item.ProjectCode} 第 {item.Version} 版的条目“{item.Path}”";
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT (SELECT true FROM ingest.item_retention i WHERE i.project_code = vi.project_code AND i.version = vi.version AND i.path = vi.path),
                   (SELECT i.retain_until FROM ingest.item_retention i WHERE i.project_code = vi.project_code AND i.version = vi.version AND i.path = vi.path)
            FROM ingest.version_items vi WHERE vi.project_code = $1 AND vi.version = $2 AND vi.path = $3
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = item.ProjectCode });
            cmd.Parameters.Add(new() { Value = item.Version });
            cmd.Parameters.Add(new() { Value = item.Path });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                throw new RetentionException(ErrorKind.NotFound, "item.not-found", $"没有{name}。", "items");
            }

            if (r.IsDBNull(0))
            {
                throw new RetentionException(ErrorKind.Conflict, "disposal.nothing-to-dispose", $"{name}已销毁。", "items");
            }

            if (r.IsDBNull(1))
            {
                throw new RetentionException(ErrorKind.Conflict, "disposal.permanent", $"{name}为永久保管（或封存时未单独记录保管期限），不能单独销毁。", "items");
            }

            var until = r.GetFieldValue<LocalDate>(1);
            if (until >= today)
            {
                throw new RetentionException(ErrorKind.Conflict, "disposal.not-due",
                    $"{name}的保管期限至 {LocalDatePattern.Iso.Format(until)} 止，尚未到期，不能销毁。", "items");
            }
        }

        if (await RetentionQueries.ActiveHoldsAsync(conn, tx, item.ProjectCode, ct) > 0)
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.held", $"项目 {item.ProjectCode} 处于法律冻结（保全）中，解除前不能销毁其条目。", "items");
        }

        await using var open = new NpgsqlCommand(
            """
            SELECT 1 FROM ingest.disposals d
            WHERE d.status IN ('appraising', 'disposing', 'waiting')
              AND (EXISTS (SELECT 1 FROM ingest.disposal_projects p WHERE p.disposal_id = d.id AND p.project_code = $1)
                   OR EXISTS (SELECT 1 FROM ingest.disposal_items i WHERE i.disposal_id = d.id AND i.project_code = $1 AND i.version = $2 AND i.path = $3))
            """, conn, tx);
        open.Parameters.Add(new() { Value = item.ProjectCode });
        open.Parameters.Add(new() { Value = item.Version });
        open.Parameters.Add(new() { Value = item.Path });
        if (await open.ExecuteScalarAsync(ct) is not null)
        {
            throw new RetentionException(ErrorKind.Conflict, "disposal.already-proposed", $"{name}已在另一项销毁鉴定中。", "items");
        }
    }
}
