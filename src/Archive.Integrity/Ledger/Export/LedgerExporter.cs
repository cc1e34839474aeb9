using System.Globalization;
using System.Text;
using Archive.Integrity.Ledger.Internal;
using Archive.Storage;
using Npgsql;

namespace Archive.Integrity.Ledger.Export;

/// <summary>
/// Extends the ledger's export into the offline store (README "Rebuilding from the offline copy"): every entry up to
/// the latest signed checkpoint is written, in order, into <see cref="LedgerExportSegment"/> objects that are written
/// once and never changed, so entries that never go into a bag (reads, decisions, sign-ins) survive the database.
/// Crash-safe without a table: a segment is put whole (the stores' puts are atomic), <see cref="PositionKey"/> only
/// hints where the chain ends, and the chain is followed past it before anything is written, so a crash between the
/// two writes costs nothing and a segment is never written twice with different bytes. One process at a time extends
/// the export (a PostgreSQL advisory lock, waited for); it runs after each checkpoint, outside the append path.
/// </summary>
/// <param name="dataSource">The ledger's database.</param>
/// <param name="offline">The offline store.</param>
public sealed class LedgerExporter(NpgsqlDataSource dataSource, IObjectStore offline)
{
    /// <summary>The key of the hint naming where the export ends (the next segment's first index).</summary>
    public const string PositionKey = LedgerExportSegment.Prefix + "next.txt";

    /// <summary>At most this many entries go into one segment, bounding memory.</summary>
    public const int MaxEntriesPerSegment = 10_000;

    /// <summary>Exports every entry up to the latest signed checkpoint not exported yet.</summary>
    /// <param name="ct">Cancels the work.</param>
    /// <returns>How many entries were exported now.</returns>
    /// <exception cref="StorageException">The offline store failed; the next run continues from the last whole segment.</exception>
    /// <exception cref="FormatException">A segment in the store is damaged.</exception>
    public async Task<long> ExportAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Wait for another process's export rather than skip it: this checkpoint is witnessed right after, and must be exported first.
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKeys.Export})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        var position = await FindEndAsync(offline, ct);
        var start = position;
        var signed = await ScalarAsync<long>(connection, transaction, "SELECT coalesce(max(tree_size), 0) FROM ledger.checkpoints", null, ct);
        while (position < signed)
        {
            var to = Math.Min(signed, position + MaxEntriesPerSegment);
            var entries = await ReadEntriesAsync(connection, transaction, position, to, ct);
            var note = await ScalarAsync<string>(connection, transaction, "SELECT note FROM ledger.checkpoints WHERE tree_size = @size", to, ct);
            var segment = new LedgerExportSegment(position, entries, note);
            await PutAsync(offline, LedgerExportSegment.KeyFor(position), segment.ToBytes(), Witness.StoreCheckpointWitness.RetainedUntil, ct);
            position = to;
        }

        if (position != start)
        {
            await PutAsync(offline, PositionKey, Encoding.ASCII.GetBytes(position.ToString(CultureInfo.InvariantCulture)), null, ct);
        }

        await transaction.CommitAsync(ct);
        return position - start;
    }

    /// <summary>Follows the chain of segments in <paramref name="store"/> and returns the index where it ends.</summary>
    /// <param name="store">The offline store.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <exception cref="FormatException">A segment is damaged.</exception>
    public static async Task<long> FindEndAsync(IObjectStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        long position = 0;
        try
        {
            await using var hint = await store.GetAsync(PositionKey, null, ct);
            using var reader = new StreamReader(hint, Encoding.ASCII);
            // Written only after the segments before it, so it never points past the chain's end.
            if (long.TryParse(await reader.ReadToEndAsync(ct), NumberStyles.None, CultureInfo.InvariantCulture, out var hinted))
            {
                position = hinted;
            }
        }
        catch (ObjectNotFoundException)
        {
            position = 0;
        }

        while (await ReadSegmentAsync(store, position, ct) is { } segment)
        {
            position = segment.To;
        }

        return position;
    }

    /// <summary>The segment starting at <paramref name="from"/>, or <see langword="null"/> when none was written.</summary>
    /// <param name="store">The offline store.</param>
    /// <param name="from">The segment's first index.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="FormatException">The segment is damaged.</exception>
    public static async Task<LedgerExportSegment?> ReadSegmentAsync(IObjectStore store, long from, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await using var stream = await store.GetAsync(LedgerExportSegment.KeyFor(from), null, ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            var segment = LedgerExportSegment.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            return segment.From == from && segment.Entries.Count > 0
                ? segment
                : throw new FormatException($"The ledger export segment at {from} starts at {segment.From} or is empty.");
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    private static async Task<List<ExportedEntry>> ReadEntriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long from, long to, CancellationToken ct)
    {
        const string sql = "SELECT index, bytes, idempotency_key FROM ledger.entries WHERE index >= @from AND index < @to ORDER BY index";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<ExportedEntry>();
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetInt64(0) != from + entries.Count)
            {
                throw new LedgerIntegrityException($"Ledger entry {from + entries.Count} is missing; nothing past it is exported.");
            }

            entries.Add(new ExportedEntry((byte[])reader.GetValue(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return entries.Count == to - from ? entries : throw new LedgerIntegrityException($"Ledger entry {from + entries.Count} is missing; nothing past it is exported.");
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long? size, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (size is { } s)
        {
            command.Parameters.AddWithValue("size", s);
        }

        return await command.ExecuteScalarAsync(ct) is T value ? value : default;
    }

    private static async Task PutAsync(IObjectStore store, string key, byte[] bytes, DateTimeOffset? retainUntil, CancellationToken ct)
    {
        using var content = new MemoryStream(bytes, writable: false);
        try
        {
            await store.PutAsync(key, content, new PutOptions { ContentType = "application/octet-stream", Length = bytes.Length, RetainUntil = retainUntil }, ct);
        }
        catch (ObjectRetainedException) when (retainUntil is not null)
        {
            // Written whole before a crash (the chain walk then stopped short of it only if the hint was stale): same bytes.
        }
    }
}
