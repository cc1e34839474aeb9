namespace Archive.Storage;

/// <summary>What a store reports about one object without reading it.</summary>
/// <param name="Key">The object's key.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="LastModified">When it was last written, as the store reports it.</param>
/// <param name="ContentType">The recorded MIME type, where the store keeps one.</param>
/// <param name="Sha256Hex">The SHA-256 (lower-case hex) recorded as metadata at put time, if any.</param>
public sealed record ObjectInfo(string Key, long Size, DateTimeOffset LastModified, string? ContentType, string? Sha256Hex);
