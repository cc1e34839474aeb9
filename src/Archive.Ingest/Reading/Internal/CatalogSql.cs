using System.Text;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Ingest.Reading.Internal;

/// <summary>
/// The WHERE and ORDER BY of a catalogue search, built from fixed fragments with every value a parameter. Filters on
/// parties go through <c>ingest.project_parties</c>; full text through <c>ingest.item_texts</c> — with the trigram
/// index for three characters and more, and only within the projects the other criteria select for fewer.
/// </summary>
internal sealed class CatalogSql
{
    private readonly List<(object? Value, NpgsqlDbType Type)> _values = [];
    private readonly List<string> _clauses = [];

    private CatalogSql()
    {
    }

    /// <summary>The conditions joined with AND (<c>true</c> when none).</summary>
    public string Where => _clauses.Count == 0 ? "true" : string.Join("\n  AND ", _clauses);

    /// <summary>The parameter number of the normalised full text, when the search has one.</summary>
    public int? FullTextParameter { get; private set; }

    /// <summary>The number the next added parameter gets.</summary>
    public int NextParameter => _values.Count + 1;

    public static CatalogSql For(CatalogQuery query, DateTimeZone zone)
    {
        var sql = new CatalogSql();
        if (Clean(query.Text) is { } text)
        {
            // A code prefix (as typed or upper-cased) or a name substring, as LIKE patterns with the wildcards escaped, so
            // that the code's pattern index and the name's trigram index (api_0800) answer instead of a scan of every project.
            var prefix = sql.Add(Escape(text) + "%", NpgsqlDbType.Text);
            var inside = sql.Add(Contains(text), NpgsqlDbType.Text);
            sql._clauses.Add($"(p.code LIKE ${prefix} OR p.code LIKE upper(${prefix}) OR p.name LIKE ${inside})");
        }

        if (query.Category is { } category)
        {
            sql._clauses.Add($"p.category = ${sql.Add(category, NpgsqlDbType.Text)}");
        }

        if (query.From is { } from)
        {
            sql._clauses.Add($"p.created_at >= ${sql.Add(from.AtStartOfDayInZone(zone).ToInstant(), NpgsqlDbType.TimestampTz)}");
        }

        if (query.To is { } to)
        {
            sql._clauses.Add($"p.created_at < ${sql.Add(to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), NpgsqlDbType.TimestampTz)}");
        }

        if (Clean(query.Party) is { } party)
        {
            sql._clauses.Add($"p.code IN (SELECT pp.project_code FROM ingest.project_parties pp WHERE pp.name ILIKE ${sql.Add(Contains(party), NpgsqlDbType.Text)})");
        }

        if (query.CreditCode is { } creditCode)
        {
            sql._clauses.Add($"p.code IN (SELECT pp.project_code FROM ingest.project_parties pp WHERE pp.credit_code = ${sql.Add(creditCode, NpgsqlDbType.Text)})");
        }

        if (Clean(query.Agency) is { } agency)
        {
            sql._clauses.Add($"p.code IN (SELECT pp.project_code FROM ingest.project_parties pp WHERE pp.is_agency AND pp.name ILIKE ${sql.Add(Contains(agency), NpgsqlDbType.Text)})");
        }

        if (query.RegionPrefix is { } region)
        {
            sql._clauses.Add($"p.region LIKE ${sql.Add(region + "%", NpgsqlDbType.Text)}");
        }

        if (Clean(query.FullText) is { } fullText)
        {
            sql.FullTextParameter = sql.Add(fullText, NpgsqlDbType.Text);
            if (fullText.Length >= CatalogQuery.IndexedFullTextLength)
            {
                // The trigram index finds the candidate rows across every project.
                var pattern = sql.Add(Contains(fullText), NpgsqlDbType.Text);
                sql._clauses.Add($"p.code IN (SELECT t.project_code FROM ingest.item_texts t WHERE t.text ILIKE ${pattern})");
            }
            else
            {
                // Too short for trigrams: scan only the texts of the projects the other criteria already selected.
                sql._clauses.Add(
                    $"EXISTS (SELECT 1 FROM ingest.item_texts t WHERE t.project_code = p.code AND strpos(lower(t.text), lower(${sql.FullTextParameter})) > 0)");
            }
        }

        return sql;
    }

    /// <summary>The ORDER BY for the query's sort; ties by code so that pages are disjoint and stable.</summary>
    public static string OrderBy(CatalogQuery query)
    {
        var dir = query.Descending ? "DESC" : "ASC";
        return query.Sort switch
        {
            CatalogSort.Code => $"p.code COLLATE \"C\" {dir}",
            CatalogSort.Name => $"p.name COLLATE \"C\" {dir}, p.code COLLATE \"C\"",
            CatalogSort.SealedAt => $"(SELECT max(v.sealed_at) FROM ingest.versions v WHERE v.project_code = p.code) {dir} NULLS LAST, p.code COLLATE \"C\"",
            CatalogSort.Category => $"p.category COLLATE \"C\" {dir}, p.code COLLATE \"C\"",
            CatalogSort.Region => $"p.region COLLATE \"C\" {dir} NULLS LAST, p.code COLLATE \"C\"",
            _ => $"p.created_at {dir}, p.code COLLATE \"C\"",
        };
    }

    /// <summary>Adds the search's parameters to a command, in order.</summary>
    public void AddParameters(NpgsqlCommand cmd)
    {
        foreach (var (value, type) in _values)
        {
            cmd.Parameters.Add(new() { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        }
    }

    /// <summary>The value of parameter <paramref name="number"/>.</summary>
    public object? ValueOf(int number) => _values[number - 1].Value;

    private int Add(object value, NpgsqlDbType type)
    {
        _values.Add((value, type));
        return _values.Count;
    }

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>An ILIKE pattern matching <paramref name="text"/> anywhere, its wildcards escaped.</summary>
    private static string Contains(string text) => "%" + Escape(text) + "%";

    /// <summary><paramref name="text"/> with LIKE's wildcards and escape character escaped.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
