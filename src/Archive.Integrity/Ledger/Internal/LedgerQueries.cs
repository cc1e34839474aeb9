using Npgsql;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>Small reads shared by the sequencer, the checkpoint issuer and the ledger's getters.</summary>
internal static class LedgerQueries
{
    /// <summary>The query of <see cref="GetSizeAsync"/>, for batches.</summary>
    public const string SizeSql = "SELECT coalesce(max(index) + 1, 0) FROM ledger.entries";

    /// <summary>
    /// The number of committed entries. Entries commit in whole, gap-free batches under the sequencer
    /// lock, so the highest index plus one is the size (an index-only scan, not a count).
    /// </summary>
    public static async Task<long> GetSizeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SizeSql, connection, transaction);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
