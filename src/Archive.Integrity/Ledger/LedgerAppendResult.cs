namespace Archive.Integrity.Ledger;

/// <summary>The outcome of appending one entry to the ledger.</summary>
/// <param name="Index">The entry's index (leaf number, from 0).</param>
/// <param name="Entry">The exact stored entry bytes (RFC 8785 canonical JSON, UTF-8).</param>
/// <param name="LeafHash">RFC 6962 leaf hash <c>SHA-256(0x00 ‖ Entry)</c>.</param>
/// <param name="AlreadyPresent">
/// <see langword="true"/> when the idempotency key had been used before and this is that earlier entry;
/// nothing was appended.
/// </param>
public sealed record LedgerAppendResult(long Index, byte[] Entry, byte[] LeafHash, bool AlreadyPresent);
