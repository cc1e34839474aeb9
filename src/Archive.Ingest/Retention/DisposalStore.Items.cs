using Npgsql;

namespace Archive.Ingest.Retention;

public sealed partial class DisposalStore
{
    /// <summary>The tombstone ledger index of an item disposed on its own, or null when it is not.</summary>
    /// <param name="projectCode">The (normalised) project code.</param>
    /// <param name="version">The version.</param>
    /// <param name="path">The item's path.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<long?> ItemTombstoneOfAsync(string projectCode, int version, string path, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT tombstone_entry FROM ingest.disposed_items WHERE project_code = $1 AND version = $2 AND path = $3");
        cmd.Parameters.Add(new() { Value = projectCode });
        cmd.Parameters.Add(new() { Value = version });
        cmd.Parameters.Add(new() { Value = path });
        return await cmd.ExecuteScalarAsync(ct) is long index ? index : null;
    }

    /// <summary>The items of a project disposed on their own, by version then path, with their tombstone ledger indexes.</summary>
    /// <param name="projectCode">The (normalised) project code.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<(int Version, string Path, long TombstoneEntry)>> DisposedItemsAsync(string projectCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT version, path, tombstone_entry FROM ingest.disposed_items WHERE project_code = $1 ORDER BY version, path COLLATE \"C\"");
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(int, string, long)>();
        while (await r.ReadAsync(ct))
        {
            list.Add((r.GetInt32(0), r.GetString(1), r.GetInt64(2)));
        }

        return list;
    }
}
