namespace Archive.Ingest.Reading;

/// <summary>One item of a sealed version, as its manifest lists it, with the online object that holds it.</summary>
/// <param name="Path">The item path inside the package.</param>
/// <param name="Role">The checklist role.</param>
/// <param name="MediaType">The media type recorded in the manifest.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">SHA-256 of its bytes (lower-case hex).</param>
/// <param name="ObjectKey">The content-addressed online key <c>objects/sha256/…</c>.</param>
public sealed record SealedItem(string Path, string Role, string MediaType, long Size, string Sha256, string ObjectKey)
{
    /// <summary>The sealed SM3 (hex), when read with it.</summary>
    public string? Sm3 { get; init; }
}
