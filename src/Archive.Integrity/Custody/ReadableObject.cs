namespace Archive.Integrity.Custody;

/// <summary>A sealed object as a content read knows it: its sealed digests and its keys in both copies.</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="Version">The version.</param>
/// <param name="Path">The item path.</param>
/// <param name="Size">The sealed size.</param>
/// <param name="Sha256">The sealed SHA-256 (hex).</param>
/// <param name="Sm3">The sealed SM3 (hex), when known.</param>
/// <param name="OnlineKey">Its key in the online store.</param>
/// <param name="OfflineKey">Its key in the offline store (inside the version's bag).</param>
public sealed record ReadableObject(string ProjectCode, int Version, string Path, long Size, string Sha256, string? Sm3, string OnlineKey, string OfflineKey)
{
    /// <summary>The key in one copy.</summary>
    /// <param name="copy">The copy.</param>
    public string KeyIn(CopyKind copy) => copy == CopyKind.Online ? OnlineKey : OfflineKey;
}
