namespace Archive.Storage;

/// <summary>Optional settings for <see cref="IObjectStore.PutAsync"/>.</summary>
public sealed record PutOptions
{
    /// <summary>The MIME type to record with the object, where the store keeps one.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// The SHA-256 the content must have (32 bytes). On a mismatch nothing is left under the key and
    /// <see cref="DigestMismatchException"/> is thrown. Stores that keep metadata record it with the object.
    /// </summary>
    public byte[]? ExpectedSha256 { get; init; }

    /// <summary>
    /// The exact content length, when the caller knows it. It lets S3 choose part sizes for objects past
    /// ~48 GiB; content of another length fails with <see cref="ContentLengthMismatchException"/>.
    /// </summary>
    public long? Length { get; init; }

    /// <summary>
    /// Keep the object immutable until this instant (write once). Where <see cref="StoreCapabilities.Retention"/> is
    /// <see langword="true"/> the backend enforces it (S3 object lock, Azure immutability policy); the filesystem store
    /// (<see cref="StoreCapabilities.WriteOnce"/>) makes the file read-only and refuses to overwrite the key; other stores
    /// ignore it.
    /// </summary>
    public DateTimeOffset? RetainUntil { get; init; }

    /// <summary>
    /// This put repairs a damaged object that was written with <see cref="RetainUntil"/>: where the store keeps versions
    /// it adds one, on the filesystem the sealed file is replaced (and sealed again when <see cref="RetainUntil"/> is set).
    /// Without it a put to a sealed key fails with <see cref="ObjectRetainedException"/>.
    /// </summary>
    public bool ReplaceRetained { get; init; }

    internal void Validate()
    {
        if (ExpectedSha256 is { Length: not 32 })
        {
            throw new ArgumentException("ExpectedSha256 must be 32 bytes.", nameof(ExpectedSha256));
        }
        if (Length is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Length), Length, "Length must not be negative.");
        }
    }
}
