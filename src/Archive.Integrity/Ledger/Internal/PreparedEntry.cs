using NodaTime;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>An entry validated and canonicalised by the caller's thread, waiting for an index.</summary>
internal sealed record PreparedEntry(string Type, byte[] Bytes, byte[] LeafHash, string? IdempotencyKey, Instant At);
