namespace Archive.Integrity.Ledger.Export;

/// <summary>What <see cref="LedgerRebuilder"/> restored.</summary>
/// <param name="Size">How many entries the rebuilt ledger holds.</param>
/// <param name="Root">The rebuilt tree's root hash.</param>
/// <param name="WitnessedSize">The size of the newest checkpoint witnessed in the offline store, whose root the rebuilt tree matches.</param>
/// <param name="Checkpoints">How many signed checkpoints were restored (those that verify with the current keys).</param>
/// <param name="Segments">How many export segments were replayed.</param>
public sealed record LedgerRebuildResult(long Size, byte[] Root, long WitnessedSize, int Checkpoints, int Segments);
