using Archive.Core.Errors;

namespace Archive.Integrity.Custody;

/// <summary>
/// Bytes read from a copy are not the sealed bytes (a chunk's digest differs, the object is short or missing).
/// Thrown by <see cref="VerifyingReadStream"/> before any of the bad bytes is handed on.
/// </summary>
public sealed class ContentIntegrityException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">A <see cref="FailureKind"/>.</param>
    /// <param name="message">What was found (English, for logs; no content).</param>
    /// <param name="innerException">The storage error, if any.</param>
    public ContentIntegrityException(string kind, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = kind;

    /// <summary>The <see cref="FailureKind"/>.</summary>
    public string Failure { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Unavailable;

    /// <inheritdoc/>
    public override string Code => "content.corrupted";

    /// <inheritdoc/>
    public override string UserMessage => "内容未通过校验，已拒绝输出并安排修复，请稍后重试。";
}
