using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>The content's SHA-256 differs from the one the caller expected; nothing was stored under the key.</summary>
public sealed class DigestMismatchException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key that was being written.</param>
    /// <param name="expectedSha256Hex">The digest the caller announced.</param>
    /// <param name="actualSha256Hex">The digest of the bytes received.</param>
    public DigestMismatchException(string key, string expectedSha256Hex, string actualSha256Hex)
        : base($"SHA-256 of the content for '{key}' is {actualSha256Hex}, expected {expectedSha256Hex}; nothing was stored.")
    {
        Key = key;
        ExpectedSha256Hex = expectedSha256Hex;
        ActualSha256Hex = actualSha256Hex;
    }

    /// <summary>The key that was being written.</summary>
    public string Key { get; }

    /// <summary>The digest the caller announced (lower-case hex).</summary>
    public string ExpectedSha256Hex { get; }

    /// <summary>The digest of the bytes received (lower-case hex).</summary>
    public string ActualSha256Hex { get; }

    /// <inheritdoc/>
    public override string Code => "storage.digest-mismatch";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Unprocessable;

    /// <inheritdoc/>
    public override string UserMessage => "内容的 SHA-256 与声明的摘要不符，未保存。";
}
