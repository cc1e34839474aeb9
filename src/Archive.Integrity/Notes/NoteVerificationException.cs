using Archive.Core.Errors;

namespace Archive.Integrity.Notes;

/// <summary>
/// A signed note could not be opened: it is malformed, carries no signature by the expected
/// key, or that key's signature is invalid.
/// </summary>
public sealed class NoteVerificationException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    public NoteVerificationException()
        : base("The signed note could not be verified.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public NoteVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying failure.</param>
    public NoteVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string Code => "note.unverified";

    /// <inheritdoc/>
    public override string UserMessage => "签名注记无法验证：格式错误、缺少预期密钥的签名或签名无效。";
}
