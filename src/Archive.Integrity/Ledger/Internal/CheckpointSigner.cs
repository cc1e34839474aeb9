using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// Verifies the stored log against its latest checkpoint and signs the next one. Every step runs in one
/// transaction under the checkpoint advisory lock, so processes never sign two checkpoints at once.
/// </summary>
internal sealed class CheckpointSigner(
    NpgsqlDataSource dataSource, NoteSigner signer, LedgerOptions options, IClock clock, ILogger logger, ICheckpointWitness? witness = null)
{
    // Bounds memory while re-deriving the hashes of entries appended since the latest checkpoint.
    private const int VerifyChunk = 4096;

    private readonly string _verifierKey = signer.Verifier.ToVerifierKey();
    private readonly WitnessGuard _witness = new(witness, logger);

    /// <summary>
    /// Checks the signing key, the latest checkpoint and agreement with the newest witnessed checkpoint; records the key
    /// on first use and hands a latest checkpoint the witness does not hold yet to it.
    /// </summary>
    public async Task VerifyAsync(CancellationToken ct)
    {
        try
        {
            await VerifyCoreAsync(ct);
        }
        catch (LedgerIntegrityException e)
        {
            LedgerLog.CheckpointRefused(logger, e);
            throw;
        }
    }

    private async Task VerifyCoreAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);
        await EnsureSigningKeyAsync(connection, transaction, ct);
        var latest = await StoredCheckpoint.ReadLatestAsync(connection, transaction, ct);
        if (latest is not null)
        {
            await VerifyStoredAsync(latest, new StoredHashReader(connection, transaction), ct);
        }
        var size = await LedgerQueries.GetSizeAsync(connection, transaction, ct);
        var witnessed = await _witness.EnsureConsistentAsync(size, new StoredHashReader(connection, transaction), storesRequired: true, ct);
        await transaction.CommitAsync(ct);
        if (latest is not null && (witnessed is null || witnessed.TreeSize < latest.TreeSize))
        {
            await _witness.RecordAsync(latest.Note, latest.TreeSize, ct);
        }
    }

    /// <summary>Signs a checkpoint of the current size if the log grew; returns the latest checkpoint note.</summary>
    public async Task<string?> SignAsync(CancellationToken ct)
    {
        try
        {
            return await SignCoreAsync(ct);
        }
        catch (LedgerIntegrityException e)
        {
            LedgerLog.CheckpointRefused(logger, e);
            throw;
        }
    }

    private async Task<string?> SignCoreAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);
        await EnsureSigningKeyAsync(connection, transaction, ct);

        var size = await LedgerQueries.GetSizeAsync(connection, transaction, ct);
        var latest = await StoredCheckpoint.ReadLatestAsync(connection, transaction, ct);
        if (latest is not null)
        {
            await VerifyStoredAsync(latest, new StoredHashReader(connection, transaction), ct);
            if (size < latest.TreeSize)
            {
                throw new LedgerIntegrityException(
                    $"The ledger holds {size} entries but checkpoint {latest.TreeSize} was signed: entries are missing.");
            }
        }
        if (size == 0 || size == latest?.TreeSize)
        {
            await transaction.CommitAsync(ct);
            return latest?.Note;
        }

        var oldSize = latest?.TreeSize ?? 0;
        await VerifyAppendedSinceAsync(connection, transaction, oldSize, size, ct);

        var reader = new StoredHashReader(connection, transaction);
        var root = await StoredHashes.TreeHashAsync(size, reader, ct);
        if (latest is not null)
        {
            var proof = await Proofs.ProveTreeAsync(size, oldSize, reader, ct);
            if (!Proofs.CheckTree(proof, size, root, oldSize, latest.Root))
            {
                throw new LedgerIntegrityException(
                    $"The tree of size {size} is not consistent with signed checkpoint {oldSize}.");
            }
        }

        // CT's rule: never sign a checkpoint inconsistent with one kept outside the database.
        await _witness.EnsureConsistentAsync(size, reader, storesRequired: false, ct);
        var note = SignedNote.Sign(new Checkpoint(options.Origin, size, root).ToBody(), signer);
        await StoredCheckpoint.InsertAsync(
            connection, transaction, new StoredCheckpoint(size, root, note, _verifierKey), clock.GetCurrentInstant(), ct);
        await transaction.CommitAsync(ct);
        LedgerLog.CheckpointSigned(logger, size);
        await _witness.RecordAsync(note, size, ct);
        return note;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKeys.Checkpoint})", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task EnsureSigningKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string latestKey = "SELECT verifier_key FROM ledger.verifier_keys ORDER BY recorded_at DESC, verifier_key DESC LIMIT 1";
        await using (var select = new NpgsqlCommand(latestKey, connection, transaction))
        {
            if (await select.ExecuteScalarAsync(ct) is string recorded)
            {
                if (!string.Equals(recorded, _verifierKey, StringComparison.Ordinal))
                {
                    throw new LedgerIntegrityException(
                        $"The ledger signing key (verifier key {_verifierKey}) is not the key recorded for earlier checkpoints " +
                        $"({recorded}). Refusing to start: configure the original signing key, or rotate keys deliberately.");
                }
                return;
            }
        }

        const string insert = "INSERT INTO ledger.verifier_keys (verifier_key, name, recorded_at) VALUES (@key, @name, @at)";
        await using var command = new NpgsqlCommand(insert, connection, transaction);
        command.Parameters.AddWithValue("key", _verifierKey);
        command.Parameters.AddWithValue("name", signer.Name);
        command.Parameters.AddWithValue("at", clock.GetCurrentInstant());
        await command.ExecuteNonQueryAsync(ct);
        LedgerLog.KeyRecorded(logger, _verifierKey);
    }

    private async Task VerifyStoredAsync(StoredCheckpoint latest, StoredHashReader reader, CancellationToken ct)
    {
        Checkpoint body;
        try
        {
            body = Checkpoint.ParseBody(SignedNote.Open(latest.Note, NoteVerifier.Parse(latest.VerifierKey)));
        }
        catch (Exception e) when (e is NoteVerificationException or FormatException or ArgumentException)
        {
            throw new LedgerIntegrityException($"Stored checkpoint {latest.TreeSize} does not verify with its recorded key: {e.Message}", e);
        }
        if (!string.Equals(body.Origin, options.Origin, StringComparison.Ordinal))
        {
            throw new LedgerIntegrityException(
                $"The latest checkpoint's origin is '{body.Origin}' but the ledger is configured with '{options.Origin}'; the origin can never change.");
        }
        if (body.TreeSize != latest.TreeSize || !body.RootHash.AsSpan().SequenceEqual(latest.Root))
        {
            throw new LedgerIntegrityException($"Stored checkpoint {latest.TreeSize}: its row disagrees with its signed note.");
        }
        var recomputed = await StoredHashes.TreeHashAsync(latest.TreeSize, reader, ct);
        if (!recomputed.AsSpan().SequenceEqual(latest.Root))
        {
            throw new LedgerIntegrityException(
                $"The root recomputed from stored hashes for size {latest.TreeSize} differs from the signed checkpoint: stored hashes were changed.");
        }
    }

    private static async Task VerifyAppendedSinceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long oldSize, long size, CancellationToken ct)
    {
        // Re-derive every hash stored since the latest checkpoint from the entries themselves, so a changed
        // entry or hash row never reaches a signature. Earlier chunks were just verified, so reading them back is safe.
        for (var start = oldSize; start < size; start += VerifyChunk)
        {
            var end = Math.Min(size, start + VerifyChunk);
            var reader = new StoredHashReader(connection, transaction);
            var recomputed = new List<byte[]>();
            var n = start;
            await foreach (var (index, bytes) in StoredCheckpoint.ReadEntriesAsync(connection, transaction, start, end, ct))
            {
                if (index != n)
                {
                    throw new LedgerIntegrityException($"Ledger entry {n} is missing.");
                }
                var storedIndex = StoredHashes.StoredHashIndex(0, n);
                foreach (var hash in await StoredHashes.ComputeAsync(n, bytes, reader, ct))
                {
                    reader.Add(storedIndex++, hash);
                    recomputed.Add(hash);
                }
                n++;
            }
            if (n != end)
            {
                throw new LedgerIntegrityException($"Ledger entry {n} is missing.");
            }

            var first = StoredHashes.StoredHashIndex(0, start);
            var stored = await StoredCheckpoint.ReadHashRangeAsync(connection, transaction, first, StoredHashes.StoredHashCount(end), ct);
            for (var i = 0; i < recomputed.Count; i++)
            {
                if (i >= stored.Count || !stored[i].AsSpan().SequenceEqual(recomputed[i]))
                {
                    throw new LedgerIntegrityException(
                        $"Stored tree hash {first + i} disagrees with the hash recomputed from the entries: the ledger was changed.");
                }
            }
        }
    }
}
