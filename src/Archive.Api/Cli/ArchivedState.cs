using Npgsql;

namespace Archive.Api.Cli;

/// <summary>
/// What the archive holds for a project code, as the import needs it to decide: the unfinished submission (if any)
/// and the latest sealed version's items with their digests.
/// </summary>
/// <param name="PendingSubmission">An open or sealing submission of the project, if one exists.</param>
/// <param name="PendingStatus">Its status.</param>
/// <param name="PendingPlatform">Its platform.</param>
/// <param name="LatestVersion">The latest archived version, 0 when none.</param>
/// <param name="LatestItems">That version's items by path: (role, sha256).</param>
public sealed record ArchivedState(
    Guid? PendingSubmission, string? PendingStatus, string? PendingPlatform, int LatestVersion,
    IReadOnlyDictionary<string, (string Role, string Sha256)> LatestItems)
{
    /// <summary>Reads the state of <paramref name="normalizedCode"/>.</summary>
    public static async Task<ArchivedState> ReadAsync(NpgsqlDataSource dataSource, string normalizedCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        Guid? pending = null;
        string? status = null, platform = null;
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT id, status, platform FROM ingest.submissions
            WHERE project_code = $1 AND status IN ('open', 'sealing')
            ORDER BY created_at DESC LIMIT 1
            """, conn))
        {
            cmd.Parameters.Add(new() { Value = normalizedCode });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                (pending, status, platform) = (r.GetGuid(0), r.GetString(1), r.GetString(2));
            }
        }

        var latest = 0;
        var items = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT p.latest_version, vi.path, vi.role, vi.sha256
            FROM ingest.projects p
            LEFT JOIN ingest.version_items vi ON vi.project_code = p.code AND vi.version = p.latest_version
            WHERE p.code = $1
            """, conn))
        {
            cmd.Parameters.Add(new() { Value = normalizedCode });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                latest = r.GetInt32(0);
                if (!r.IsDBNull(1))
                {
                    items[r.GetString(1)] = (r.GetString(2), r.GetString(3));
                }
            }
        }

        return new ArchivedState(pending, status, platform, latest, items);
    }
}
