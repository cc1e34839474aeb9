using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>The content was shorter or longer than the length the caller announced; nothing was stored.</summary>
public sealed class ContentLengthMismatchException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key that was being written.</param>
    /// <param name="expectedLength">The announced length.</param>
    /// <param name="longer"><see langword="true"/> when the content ran past the announced length.</param>
    public ContentLengthMismatchException(string key, long expectedLength, bool longer)
        : base($"The content for '{key}' is {(longer ? "longer" : "shorter")} than the announced {expectedLength} bytes; nothing was stored.")
    {
        Key = key;
        ExpectedLength = expectedLength;
    }

    /// <summary>The key that was being written.</summary>
    public string Key { get; }

    /// <summary>The announced length.</summary>
    public long ExpectedLength { get; }

    /// <inheritdoc/>
    public override string Code => "storage.length-mismatch";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string UserMessage => "内容长度与声明的长度不符，未保存。";
}
