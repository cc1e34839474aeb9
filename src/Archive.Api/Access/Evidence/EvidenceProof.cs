namespace Archive.Api.Access.Evidence;

/// <summary>An inclusion proof (CONTRACT §5 shape).</summary>
/// <param name="LeafIndex">The entry's index.</param>
/// <param name="TreeSize">The tree size of the checkpoint.</param>
/// <param name="Hashes">The audit path, base64, leaf's sibling first.</param>
public sealed record EvidenceProof(long LeafIndex, long TreeSize, IReadOnlyList<string> Hashes);
