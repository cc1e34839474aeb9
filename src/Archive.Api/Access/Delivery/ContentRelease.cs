namespace Archive.Api.Access.Delivery;

/// <summary>
/// What is about to be released, as the ledger records it before the first byte leaves (CONTRACT §5, Invariant 6).
/// </summary>
/// <param name="EntryType"><see cref="Read"/> (<c>access.read</c>) or <see cref="Copied"/> (<c>access.copied</c>).</param>
/// <param name="ProjectCode">The project code as stored.</param>
/// <param name="Version">The sealed version.</param>
/// <param name="Object">What is released: <c>manifest</c>, <c>item</c> or <c>bag</c> (later e.g. <c>item-watermarked</c>).</param>
/// <param name="Path">The item path, or null for a manifest or bag.</param>
/// <param name="Range">The byte range served, as <c>bytes=a-b</c>, or null for the whole.</param>
/// <param name="Sha256">SHA-256 of the stored object released from: the item, or the manifest bytes (for a bag, its version's manifest).</param>
/// <param name="Size">The stored object's size in bytes.</param>
public sealed record ContentRelease(string EntryType, string ProjectCode, int Version, string Object, string? Path, string? Range, string Sha256, long Size)
{
    /// <summary>
    /// SHA-256 of the bytes delivered when they differ from the stored object's (a watermarked PDF, a masked record);
    /// null when the stored bytes themselves are delivered.
    /// </summary>
    public string? DeliveredSha256 { get; init; }

    /// <summary>The size of the delivered bytes when <see cref="DeliveredSha256"/> is set.</summary>
    public long? DeliveredSize { get; init; }

    /// <summary>What was done to the stored bytes (<c>watermark</c>, <c>mask-personal-data</c>), or null.</summary>
    public string? Transform { get; init; }

    /// <summary>Ledger entry type of a read.</summary>
    public const string Read = "access.read";

    /// <summary>Ledger entry type of a copy.</summary>
    public const string Copied = "access.copied";

    /// <summary>Ledger entry type recording what was actually delivered, after the response.</summary>
    public const string Delivered = "access.delivered";
}
