using NodaTime;

namespace Archive.Integrity.Manifests;

/// <summary>One item (文件) of a sealed version: its path in the package, checklist role, type, size and digests.</summary>
public sealed record ManifestItem
{
    /// <summary>Creates an item, validating every field.</summary>
    /// <param name="path">Relative '/'-separated path within the package (no empty, "." or ".." segments).</param>
    /// <param name="role">The checklist role, e.g. <c>tender-notice</c> (lower-case slug).</param>
    /// <param name="mediaType">The media type, e.g. <c>application/pdf</c>.</param>
    /// <param name="size">The size in bytes, 0 to 2^53 − 1.</param>
    /// <param name="sha256">SHA-256 of the content, 64 lower-case hex digits.</param>
    /// <param name="sm3">SM3 (GB/T 32905) of the content, 64 lower-case hex digits.</param>
    /// <param name="receivedAt">When the archive received the content; kept to the millisecond.</param>
    /// <param name="source">Where it came from, e.g. the submitting platform or the earlier version.</param>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public ManifestItem(string path, string role, string mediaType, long size, string sha256, string sm3, Instant receivedAt, string source)
    {
        Path = ManifestRules.IsItemPath(path) ? path : throw new ArgumentException("The item path is not a safe relative path.", nameof(path));
        Role = ManifestRules.IsSlug(role) ? role : throw new ArgumentException("The item role is a lower-case slug.", nameof(role));
        MediaType = ManifestRules.Text(mediaType, nameof(mediaType)).Contains('/', StringComparison.Ordinal)
            ? mediaType
            : throw new ArgumentException("The media type has the form type/subtype.", nameof(mediaType));
        Size = size is >= 0 and <= ManifestRules.MaxExactInteger
            ? size
            : throw new ArgumentOutOfRangeException(nameof(size), "The size is between 0 and 2^53 - 1.");
        Sha256 = ManifestRules.IsHex64(sha256) ? sha256 : throw new ArgumentException("SHA-256 is 64 lower-case hex digits.", nameof(sha256));
        Sm3 = ManifestRules.IsHex64(sm3) ? sm3 : throw new ArgumentException("SM3 is 64 lower-case hex digits.", nameof(sm3));
        ReceivedAt = ManifestRules.ToMilliseconds(receivedAt);
        Source = ManifestRules.Text(source, nameof(source));
    }

    /// <summary>Relative path within the package.</summary>
    public string Path { get; }

    /// <summary>Checklist role.</summary>
    public string Role { get; }

    /// <summary>Media type.</summary>
    public string MediaType { get; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    /// <summary>SHA-256, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>SM3, lower-case hex.</summary>
    public string Sm3 { get; }

    /// <summary>When the content was received (millisecond precision).</summary>
    public Instant ReceivedAt { get; }

    /// <summary>Where the content came from.</summary>
    public string Source { get; }

    /// <summary>The item's own retention as recorded at seal, or null in manifests sealed before it was recorded.</summary>
    public ItemRetention? Retention { get; init; }
}
