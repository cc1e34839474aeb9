namespace Archive.Integrity.Ledger.Export;

/// <summary>One ledger entry as exported: its exact bytes and the idempotency key it was appended with, if any.</summary>
/// <param name="Bytes">The entry's canonical JSON bytes, exactly as the tree hashes them.</param>
/// <param name="IdempotencyKey">Its idempotency key, so a retried append after a rebuild still finds it; or <see langword="null"/>.</param>
public sealed record ExportedEntry(byte[] Bytes, string? IdempotencyKey);
