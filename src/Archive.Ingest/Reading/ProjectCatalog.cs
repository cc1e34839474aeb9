using Archive.Ingest.Reporting;
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
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    private const string EntryColumns =
        """
        p.code, p.name, p.category, p.region, p.platform, p.latest_version, p.created_at,
        (SELECT min(v.sealed_at) FROM ingest.versions v WHERE v.project_code = p.code),
        (SELECT max(v.sealed_at) FROM ingest.versions v WHERE v.project_code = p.code)
        """;

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
