using System.Text.Json.Nodes;
using Archive.Integrity.Ledger.Internal;
using Archive.Integrity.Notes;

namespace Archive.Integrity.Ledger;

public sealed partial class PostgresLedger
{
    /// <summary>The entry type that introduces new signing keys.</summary>
    public const string KeyRotatedType = "ledger.key-rotated";

    /// <summary>The first line of the statement the previous keys sign in a rotation entry.</summary>
    public const string KeyRotationStatementHeader = "archive ledger key rotation";

    /// <summary>
    /// Introduces new signing keys (密钥轮换), in one transaction under the checkpoint lock: appends a
    /// <c>ledger.key-rotated</c> entry naming the previous and next verifier keys, with a statement naming the next keys
    /// signed by the previous ones; signs the checkpoint covering it with the previous keys and the next keys (the hand-over
    /// checkpoint verifies under both generations, so witnesses and outside verifiers follow); then records the next keys,
    /// so every later checkpoint is signed by them and a process still holding the previous key refuses to sign.
    /// Checkpoints keep verifying with the keys that signed them (each row names its keys).
    /// </summary>
    /// <param name="next">The next Ed25519 key, named like the origin.</param>
    /// <param name="nextCosigner">The next SM2 key, named like the origin.</param>
    /// <param name="ct">Cancels before commit.</param>
    /// <returns>The rotation entry and the last checkpoint signed by the previous keys.</returns>
    /// <exception cref="ArgumentException">A next key is not named like the origin, or equals the current key.</exception>
    /// <exception cref="LedgerIntegrityException">This ledger's keys are not the current ones, or the stored log does not verify.</exception>
    public async Task<LedgerKeyRotation> RotateKeysAsync(NoteSigner next, Sm2NoteSigner nextCosigner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(nextCosigner);
        if (next.Name != _options.Origin || nextCosigner.Name != _options.Origin)
        {
            throw new ArgumentException($"The next keys must be named '{_options.Origin}', like the ledger's origin.", nameof(next));
        }
        var nextKey = next.Verifier.ToVerifierKey();
        var nextCosignerKey = nextCosigner.Verifier.ToVerifierKey();
        if (nextKey == VerifierKey || nextCosignerKey == CosignerKey)
        {
            throw new ArgumentException("The next keys must differ from the current ones.", nameof(next));
        }

        var statement = $"{KeyRotationStatementHeader}\n{_options.Origin}\n{nextKey}\n{nextCosignerKey}\n";
        INoteSigner[] previous = _cosigner is null ? [_signer] : [_signer, _cosigner];
        var fields = new JsonObject
        {
            ["origin"] = _options.Origin,
            ["previous"] = new JsonObject { ["ed25519"] = VerifierKey, ["sm2"] = CosignerKey },
            ["next"] = new JsonObject { ["ed25519"] = nextKey, ["sm2"] = nextCosignerKey },
            ["statement"] = SignedNote.Sign(statement, previous),
        };

        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Checkpoints.LockAndCheckKeysAsync(connection, transaction, ct);
        var now = _clock.GetCurrentInstant();
        var entry = EntryBuilder.Prepare(KeyRotatedType, fields, $"{KeyRotatedType}:{nextKey}", now);
        var appended = (await LedgerSequencer.AppendAsync(connection, transaction, [entry], ct))[0];
        var (note, signed) = await Checkpoints.SignPendingAsync(connection, transaction, ct, next, nextCosigner);
        await SigningKeyRecords.RecordAsync(connection, transaction, SigningKeyRecords.Ed25519, nextKey, next.Name, now, ct);
        await SigningKeyRecords.RecordAsync(connection, transaction, SigningKeyRecords.Sm2, nextCosignerKey, nextCosigner.Name, now, ct);
        await transaction.CommitAsync(ct);
        if (signed is { } size)
        {
            await Checkpoints.WitnessAsync(note!, size, ct);
        }

        LedgerLog.KeysRotated(_logger, VerifierKey, nextKey);
        return new LedgerKeyRotation(appended.Index, note!, VerifierKey, nextKey, nextCosignerKey);
    }

    /// <summary>Every signing key the ledger has used, oldest first (a key rotation adds the next keys).</summary>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The recorded keys.</returns>
    public async Task<IReadOnlyList<LedgerKeyRecord>> GetSigningKeysAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT algorithm, verifier_key, recorded_at FROM ledger.verifier_keys ORDER BY recorded_at, verifier_key");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<LedgerKeyRecord>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(new LedgerKeyRecord(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<NodaTime.Instant>(2)));
        }

        return keys;
    }
}
