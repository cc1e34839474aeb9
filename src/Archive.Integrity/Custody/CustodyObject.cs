namespace Archive.Integrity.Custody;

/// <summary>One sealed object in one copy, with the digests it must have and its counterpart in the other copy.</summary>
/// <param name="Copy">The copy holding it.</param>
/// <param name="Key">Its key in that copy's store.</param>
/// <param name="ProjectCode">The project whose version first registered it.</param>
/// <param name="Version">That version.</param>
/// <param name="Path">What it is inside the version: an item path, <c>manifest</c>, or a bag file such as <c>bagit.txt</c>.</param>
/// <param name="Size">The sealed size.</param>
/// <param name="Sha256">The sealed SHA-256 (lower-case hex).</param>
/// <param name="Sm3">The sealed SM3 (lower-case hex), where the manifest records one.</param>
/// <param name="CounterpartKey">The key of the same bytes in the other copy.</param>
public sealed record CustodyObject(
    CopyKind Copy, string Key, string ProjectCode, int Version, string Path, long Size, string Sha256, string? Sm3, string CounterpartKey);
