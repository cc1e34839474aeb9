namespace Archive.Integrity.Ledger;

/// <summary>The outcome of <see cref="PostgresLedger.RotateKeysAsync"/>.</summary>
/// <param name="EntryIndex">The index of the <c>ledger.key-rotated</c> entry that introduces the next keys.</param>
/// <param name="Checkpoint">The checkpoint covering that entry, signed by the previous keys (the last one they sign).</param>
/// <param name="PreviousKey">The Ed25519 verifier key that signed checkpoints up to and including <paramref name="Checkpoint"/>.</param>
/// <param name="NextKey">The Ed25519 verifier key of every later checkpoint.</param>
/// <param name="NextCosignerKey">The SM2 verifier key of every later checkpoint's co-signature.</param>
public sealed record LedgerKeyRotation(long EntryIndex, string Checkpoint, string PreviousKey, string NextKey, string NextCosignerKey);
