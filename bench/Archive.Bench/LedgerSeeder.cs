using System.Globalization;
using System.Text;
using Archive.Integrity.Canonical;
using Archive.Integrity.Merkle;
using Npgsql;
using NpgsqlTypes;

namespace Archive.Bench;

/// <summary>
/// Appends <c>count</c> entries to a running host's ledger by bulk <c>COPY</c>, exactly as the ledger's sequencer would
/// have stored them: canonical entry bytes, and the Go tlog stored hashes computed from the existing tree onwards,
/// under the sequencer's advisory lock. The host's checkpoint signer re-derives every hash since its last checkpoint
/// from the entry bytes before it signs, so a signed checkpoint at the new size is the proof the seeding is correct.
/// </summary>
internal static class LedgerSeeder
{
    // Archive.Integrity.Ledger.Internal.LockKeys.Sequencer ("LEDGSEQ1").
    private const long SequencerLock = 0x4C45_4447_5345_5131;

    public static async Task<long> SeedAsync(string superuser, int count, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SequencerLock})", connection, transaction))
        {
            await locking.ExecuteNonQueryAsync(ct);
        }

        var tree = new InMemoryHashStore();
        await using (var existing = new NpgsqlCommand("SELECT bytes FROM ledger.entries ORDER BY index", connection, transaction))
        await using (var reader = await existing.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tree.Append((byte[])reader.GetValue(0));
            }
        }
        var size = tree.Size;
        var firstStored = tree.HashCount;
        var at = DateTime.UtcNow;
        var atText = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        await using (var entries = await connection.BeginBinaryImportAsync(
            "COPY ledger.entries (index, bytes, type, idempotency_key, appended_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var index = size; index < size + count; index++)
            {
                // Keys in RFC 8785 order (at < object < principal < type); checked once below.
                var bytes = Encoding.UTF8.GetBytes(
                    $"{{\"at\":\"{atText}\",\"object\":\"sha256:{index:x64}\",\"principal\":\"p{index % 200}\",\"type\":\"access.read\"}}");
                if (index == size && !CanonicalJson.IsCanonical(bytes))
                {
                    throw new InvalidOperationException("the seeded entry is not canonical JSON");
                }
                tree.Append(bytes);
                await entries.StartRowAsync(ct);
                await entries.WriteAsync(index, NpgsqlDbType.Bigint, ct);
                await entries.WriteAsync(bytes, NpgsqlDbType.Bytea, ct);
                await entries.WriteAsync("access.read", NpgsqlDbType.Text, ct);
                await entries.WriteNullAsync(ct);
                await entries.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            }
            await entries.CompleteAsync(ct);
        }

        await using (var hashes = await connection.BeginBinaryImportAsync(
            "COPY ledger.tree_hashes (stored_index, hash) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var from = firstStored; from < tree.HashCount; from += 65536)
            {
                var indexes = Enumerable.Range(0, (int)Math.Min(65536, tree.HashCount - from)).Select(i => from + i).ToArray();
                var values = await tree.ReadHashesAsync(indexes, ct);
                for (var i = 0; i < indexes.Length; i++)
                {
                    await hashes.StartRowAsync(ct);
                    await hashes.WriteAsync(indexes[i], NpgsqlDbType.Bigint, ct);
                    await hashes.WriteAsync(values[i], NpgsqlDbType.Bytea, ct);
                }
            }
            await hashes.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return size + count;
    }
}
