using Npgsql;

namespace Archive.Ingest.Import;

/// <summary>
/// Reads what the archive holds for a project code (<see cref="ArchivedState"/>) from Ingest's own tables, so that the
/// import can decide between skipping, resuming, supplementing and creating.
/// </summary>
/// <param name="dataSource">The host's data source.</param>
public sealed class ArchivedStateReader(NpgsqlDataSource dataSource)
{
    /// <summary>Reads the state of <paramref name="normalizedCode"/>.</summary>
    /// <param name="normalizedCode">A project code in its normalised form.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The pending submission (if any) and the latest archived version's items.</returns>
    public async Task<ArchivedState> ReadAsync(string normalizedCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(normalizedCode);
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
