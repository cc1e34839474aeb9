using Archive.Storage.Digests;

namespace Archive.Integrity.Custody;

/// <summary>The outcome of re-reading one stored object against its sealed digests.</summary>
/// <param name="Failure">A <see cref="FailureKind"/>, or null when the object verifies.</param>
/// <param name="BytesRead">How many bytes were read.</param>
/// <param name="Digests">Size, SHA-256 and SM3 of what was read, when it was read to its end.</param>
/// <param name="Chunks">The chunk digests of what was read, when it was read to its end.</param>
public sealed record ObjectCheck(string? Failure, long BytesRead, ContentDigests? Digests, ChunkDigests? Chunks)
{
    /// <summary>Whether the object holds the sealed bytes.</summary>
    public bool Verified => Failure is null;
}
