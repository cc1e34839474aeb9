namespace Archive.Integrity.Bags;

/// <summary>One payload file of a BagIt bag (RFC 8493): its path below <c>data/</c> and its digests.</summary>
/// <param name="Path">Path relative to <c>data/</c>, forward slashes, NFC.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">SHA-256, lower-case hex.</param>
/// <param name="Sha512">SHA-512, lower-case hex.</param>
public sealed record BagPayloadFile(string Path, long Size, string Sha256, string Sha512);
