using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Bench;

/// <summary>
/// Adds <c>count</c> catalogue rows (<c>ingest.projects</c>, whose trigger fills <c>ingest.project_parties</c>) by bulk
/// <c>COPY</c>, with metadata of the shape a submission stores, spread over Yunnan's prefectures and the categories.
/// Returns the codes, for the look-ups to ask for.
/// </summary>
internal static class CatalogueSeeder
{
    private static readonly string[] Regions = ["530100", "530300", "530400", "530500", "530600", "530700", "530800", "530900", "532300", "532500"];
    private static readonly string[] Categories = ["engineering", "procurement", "land", "mining", "state-assets", "other"];

    public static async Task<string[]> SeedAsync(string superuser, string platform, int count, CancellationToken ct)
    {
        var codes = new string[count];
        var now = DateTime.UtcNow;
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ingest.projects (code, storage_segment, name, category, platform, region, metadata, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                var region = Regions[i % Regions.Length];
                var code = codes[i] = "B" + region + i.ToString("D10", CultureInfo.InvariantCulture);
                var name = $"基准项目{i}号（{region}）国有资产处置";
                var category = Categories[i % Categories.Length];
                var metadata = new JsonObject
                {
                    ["project"] = new JsonObject { ["code"] = code, ["name"] = name, ["category"] = category, ["region"] = region },
                    ["parties"] = new JsonArray(
                        new JsonObject { ["role"] = "出让人", ["name"] = $"某国有企业{i % 5000}", ["creditCode"] = "91350100M000100Y43" },
                        new JsonObject { ["role"] = "招标代理机构", ["name"] = $"某招标代理有限公司{i % 300}" }),
                    ["dates"] = new JsonObject { ["announcement"] = "2026-01-05", ["opening"] = "2026-02-01", ["award"] = "2026-02-10", ["completion"] = "2026-03-01" },
                    ["flags"] = new JsonObject(),
                };
                var created = now.AddMinutes(-i);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(code, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(code, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(name, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(category, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(platform, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(region, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(metadata.ToJsonString(), NpgsqlDbType.Jsonb, ct);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE ingest.projects; ANALYZE ingest.project_parties", connection))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }
        return codes;
    }
}
