using System.Text.RegularExpressions;
using Archive.Ingest.Reading.Internal;
using Npgsql;

namespace Archive.Ingest.Reading;

public sealed partial class ProjectCatalog
{
    private const int SnippetContext = 30;

    // Masking runs over a wider window than is shown, so an identifier cut by the window's edge is still masked whole.
    private const int MaskContext = 50;

    /// <summary>
    /// Searches the catalogue in the query's order (by default newest receipt first, then by code: a stable order, so
    /// pages do not overlap). With full text, each entry says where it matched.
    /// </summary>
    /// <param name="query">The search; its page size must already be within 1 and <see cref="CatalogQuery.MaxPageSize"/>.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1 or the page size is out of range.</exception>
    public Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, CatalogQuery.MaxPageSize, nameof(query));
        return RunAsync(query, (query.Page - 1L) * query.PageSize, query.PageSize, ct);
    }

    /// <summary>
    /// Every entry of the search, for an export, when there are at most <paramref name="maxRows"/>; otherwise only the
    /// total (the caller refuses). The query's page and page size are ignored.
    /// </summary>
    /// <param name="query">The search.</param>
    /// <param name="maxRows">The most rows an export carries.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is below 1.</exception>
    public async Task<CatalogPage> ExportAsync(CatalogQuery query, int maxRows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var page = await RunAsync(query, 0, maxRows + 1, ct);
        return page.Items.Count > maxRows ? page with { Items = [] } : page with { Page = 1, PageSize = maxRows };
    }

    private async Task<CatalogPage> RunAsync(CatalogQuery query, long offset, int limit, CancellationToken ct)
    {
        var sql = CatalogSql.For(query, Shanghai);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM ingest.projects p WHERE {sql.Where}", conn))
        {
            sql.AddParameters(count);
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var items = new List<CatalogEntry>();
        await using (var cmd = new NpgsqlCommand(
            $"""
            SELECT {EntryColumns} FROM ingest.projects p WHERE {sql.Where}
            ORDER BY {CatalogSql.OrderBy(query)} LIMIT ${sql.NextParameter} OFFSET ${sql.NextParameter + 1}
            """, conn))
        {
            sql.AddParameters(cmd);
            cmd.Parameters.Add(new() { Value = limit });
            cmd.Parameters.Add(new() { Value = offset });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                items.Add(ReadEntry(r, 0));
            }
        }

        if (sql.FullTextParameter is { } n && items.Count > 0)
        {
            var matches = await MatchesAsync(conn, items.Select(i => i.Code).ToArray(), (string)sql.ValueOf(n)!, ct);
            items = items.Select(i => matches.TryGetValue(i.Code, out var m) ? i with { Match = m } : i).ToList();
        }

        return new CatalogPage(items, total, query.Page, query.PageSize);
    }

    /// <summary>For each project, the highest version's first item (by path) whose text holds the phrase, with a snippet.</summary>
    private static async Task<Dictionary<string, CatalogTextMatch>> MatchesAsync(NpgsqlConnection conn, string[] codes, string phrase, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            SELECT DISTINCT ON (t.project_code) t.project_code, t.version, t.path,
                   substr(t.text, greatest(m.pos - {MaskContext}, 1), m.pos - greatest(m.pos - {MaskContext}, 1)),
                   substr(t.text, m.pos, char_length($2)),
                   substr(t.text, m.pos + char_length($2), {MaskContext})
            FROM ingest.item_texts t CROSS JOIN LATERAL (SELECT strpos(lower(t.text), lower($2)) AS pos) m
            WHERE t.project_code = ANY($1) AND m.pos > 0
            ORDER BY t.project_code, t.version DESC, t.path COLLATE "C"
            """, conn);
        cmd.Parameters.Add(new() { Value = codes });
        cmd.Parameters.Add(new() { Value = phrase });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var matches = new Dictionary<string, CatalogTextMatch>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            matches[r.GetString(0)] = new CatalogTextMatch(r.GetInt32(1), r.GetString(2), Snippet(r.GetString(3), r.GetString(4), r.GetString(5)));
        }

        return matches;
    }

    /// <summary>The match with <see cref="SnippetContext"/> characters either side, white space collapsed, personal data masked.</summary>
    internal static string Snippet(string before, string match, string after)
    {
        // Masking keeps lengths, so the match stays where it was.
        var masked = PersonalDataMask.MaskText(before + match + after);
        var start = Math.Max(0, before.Length - SnippetContext);
        var end = Math.Min(masked.Length, before.Length + match.Length + SnippetContext);
        start += start > 0 && char.IsLowSurrogate(masked[start]) ? 1 : 0;
        end -= end < masked.Length && char.IsLowSurrogate(masked[end]) ? 1 : 0;
        var snippet = Whitespace().Replace(masked[start..end], " ").Trim();
        return (start > 0 ? "…" : "") + snippet + (end < masked.Length ? "…" : "");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
