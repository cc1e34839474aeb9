using NodaTime;

namespace Archive.Integrity.Ledger;

/// <summary>A signing key the ledger has used, as recorded in <c>ledger.verifier_keys</c>.</summary>
/// <param name="Algorithm"><c>ed25519</c> or <c>sm2</c>.</param>
/// <param name="VerifierKey">The note verifier key.</param>
/// <param name="RecordedAt">When it was first used (the newest of an algorithm is the current one).</param>
public sealed record LedgerKeyRecord(string Algorithm, string VerifierKey, Instant RecordedAt);
