using System.Text;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Reading;

/// <summary>
/// The read side of the archive's catalogue (档案目录与检索): search, project summaries, and locating sealed versions
/// and items for the content endpoints. Codes and paths are only ever looked up, never turned into storage keys:
/// keys come from the catalogue rows (storage segment, content-addressed object keys).
/// </summary>
public sealed partial class ProjectCatalog(NpgsqlDataSource dataSource)
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private const string EntryColumns =
        """
        p.code, p.name, p.category, p.region, p.platform, p.latest_version, p.created_at,
        (SELECT min(v.sealed_at) FROM ingest.versions v WHERE v.project_code = p.code),
        (SELECT max(v.sealed_at) FROM ingest.versions v WHERE v.project_code = p.code)
        """;

    private const string SearchFilter =
        """
        ($1::text IS NULL OR left(p.code, char_length($1)) IN ($1, upper($1)) OR strpos(p.name, $1) > 0)
          AND ($2::text IS NULL OR p.category = $2)
          AND ($3::timestamptz IS NULL OR p.created_at >= $3)
          AND ($4::timestamptz IS NULL OR p.created_at < $4)
        """;

    /// <summary>
    /// Searches the catalogue: newest receipt first, then by code (a stable order, so pages do not overlap).
    /// </summary>
    /// <param name="query">The search; its page size must already be within 1 and <see cref="CatalogQuery.MaxPageSize"/>.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size is out of range.</exception>
    public async Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, CatalogQuery.MaxPageSize, nameof(query));

        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim().Normalize(NormalizationForm.FormC);
        var from = query.From is { } f ? f.AtStartOfDayInZone(Shanghai).ToInstant() : (Instant?)null;
        var to = query.To is { } t ? t.PlusDays(1).AtStartOfDayInZone(Shanghai).ToInstant() : (Instant?)null;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM ingest.projects p WHERE {SearchFilter}", conn))
        {
            AddFilter(count, text, query.Category, from, to);
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var items = new List<CatalogEntry>();
        await using (var cmd = new NpgsqlCommand(
            $"""
            SELECT {EntryColumns} FROM ingest.projects p WHERE {SearchFilter}
            ORDER BY p.created_at DESC, p.code COLLATE "C" LIMIT $5 OFFSET $6
            """, conn))
        {
            AddFilter(cmd, text, query.Category, from, to);
            cmd.Parameters.Add(new() { Value = query.PageSize });
            cmd.Parameters.Add(new() { Value = (query.Page - 1L) * query.PageSize });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                items.Add(ReadEntry(r, 0));
            }
        }

        return new CatalogPage(items, total, query.Page, query.PageSize);
    }

    /// <summary>Whether a project with this code exists (sealed or not).</summary>
    /// <param name="code">The project code as sent.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<bool> ExistsAsync(string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT 1 FROM ingest.projects WHERE code = $1");
        cmd.Parameters.Add(new() { Value = Normalize(code) });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    internal static string Normalize(string code) =>
        code.IsNormalized(NormalizationForm.FormC) ? code : code.Normalize(NormalizationForm.FormC);

    private static void AddFilter(NpgsqlCommand cmd, string? text, string? category, Instant? from, Instant? to)
    {
        cmd.Parameters.Add(new() { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
    }

    private static CatalogEntry ReadEntry(NpgsqlDataReader r, int at) => new(
        r.GetString(at),
        PersonalDataMask.Mask(r.GetString(at + 1))!,
        r.GetString(at + 2),
        r.IsDBNull(at + 3) ? null : r.GetString(at + 3),
        r.GetString(at + 4),
        r.GetInt32(at + 5) is var latest and > 0 ? latest : null,
        r.GetFieldValue<Instant>(at + 6),
        r.IsDBNull(at + 7) ? null : r.GetFieldValue<Instant>(at + 7),
        r.IsDBNull(at + 8) ? null : r.GetFieldValue<Instant>(at + 8));
}
