using Archive.Storage.Digests;

namespace Archive.Storage;

/// <summary>What a put stored: the key and the digests computed in the same pass as the write.</summary>
/// <param name="Key">The normalised key the object is stored under.</param>
/// <param name="Digests">Size, SHA-256 and SM3 of the stored bytes.</param>
public sealed record StoredObject(string Key, ContentDigests Digests)
{
    /// <summary>The number of bytes stored.</summary>
    public long Size => Digests.Size;
}
