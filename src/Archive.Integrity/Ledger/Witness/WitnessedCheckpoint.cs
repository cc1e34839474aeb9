namespace Archive.Integrity.Ledger.Witness;

/// <summary>A signed checkpoint read back from a witness store, its signature verified.</summary>
/// <param name="TreeSize">The checkpoint's tree size.</param>
/// <param name="Root">Its 32-byte root hash.</param>
/// <param name="Note">The signed note text.</param>
/// <param name="Store">The name of the store it was read from (e.g. <c>online</c>).</param>
public sealed record WitnessedCheckpoint(long TreeSize, byte[] Root, string Note, string Store);
