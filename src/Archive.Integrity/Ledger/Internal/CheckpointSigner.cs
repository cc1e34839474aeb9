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
    NpgsqlDataSource dataSource, NoteSigner signer, Sm2NoteSigner? cosigner, LedgerOptions options, IClock clock, ILogger logger,
    ICheckpointWitness? witness = null)
{
    // Bounds memory while re-deriving the hashes of entries appended since the latest checkpoint.
    private const int VerifyChunk = 4096;

    private readonly string _verifierKey = signer.Verifier.ToVerifierKey();
    private readonly string? _cosignerKey = cosigner?.Verifier.ToVerifierKey();
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
        await LockAndCheckKeysAsync(connection, transaction, ct);
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
        await LockAndCheckKeysAsync(connection, transaction, ct);
        var (note, signed) = await SignPendingAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        if (signed is { } size)
        {
            LedgerLog.CheckpointSigned(logger, size);
            await _witness.RecordAsync(note!, size, ct);
        }
        return note;
    }

    /// <summary>Takes the checkpoint lock and checks (or first records) this process's signing keys.</summary>
    internal async Task LockAndCheckKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await LockAsync(connection, transaction, ct);
        await EnsureSigningKeyAsync(connection, transaction, ct);
    }

    /// <summary>
    /// Under the lock: verifies the latest checkpoint and what was appended since, and signs a checkpoint of the current
    /// size if the log grew. Returns the latest note and the size signed now (null when nothing was signed).
    /// </summary>
    /// <param name="connection">The locked connection.</param>
    /// <param name="transaction">Its transaction.</param>
    /// <param name="ct">Cancels.</param>
    /// <param name="handOver">Further signers of this one checkpoint: a key rotation's next keys, so the checkpoint that
    /// hands over verifies under both generations.</param>
    internal async Task<(string? Note, long? Signed)> SignPendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct, params INoteSigner[] handOver)
    {
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
            return (latest?.Note, null);
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
        INoteSigner[] signers = cosigner is null ? [signer, .. handOver] : [signer, cosigner, .. handOver];
        var note = SignedNote.Sign(new Checkpoint(options.Origin, size, root).ToBody(), signers);
        await StoredCheckpoint.InsertAsync(
            connection, transaction, new StoredCheckpoint(size, root, note, _verifierKey, _cosignerKey), clock.GetCurrentInstant(), ct);
        return (note, size);
    }

    /// <summary>Hands a checkpoint signed in a caller's (committed) transaction to the witness.</summary>
    internal Task WitnessAsync(string note, long size, CancellationToken ct)
    {
        LedgerLog.CheckpointSigned(logger, size);
        return _witness.RecordAsync(note, size, ct);
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKeys.Checkpoint})", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task EnsureSigningKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (await SigningKeyRecords.EnsureCurrentAsync(connection, transaction, SigningKeyRecords.Ed25519, _verifierKey, signer.Name, now, ct))
        {
            LedgerLog.KeyRecorded(logger, _verifierKey);
        }
        if (cosigner is not null
            && await SigningKeyRecords.EnsureCurrentAsync(connection, transaction, SigningKeyRecords.Sm2, _cosignerKey!, cosigner.Name, now, ct))
        {
            LedgerLog.KeyRecorded(logger, _cosignerKey!);
        }
    }

    private async Task VerifyStoredAsync(StoredCheckpoint latest, StoredHashReader reader, CancellationToken ct)
    {
        Checkpoint body;
        try
        {
            body = Checkpoint.ParseBody(SignedNote.Open(latest.Note, NoteVerifier.Parse(latest.VerifierKey)));
            if (latest.CosignerKey is { } sm2Key)
            {
                SignedNote.Open(latest.Note, Sm2NoteVerifier.Parse(sm2Key));
            }
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
