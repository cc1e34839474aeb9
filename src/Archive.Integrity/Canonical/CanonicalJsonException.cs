using Archive.Core.Errors;

namespace Archive.Integrity.Canonical;

/// <summary>
/// JSON that cannot be canonicalized under RFC 8785: malformed JSON, duplicate member names,
/// lone surrogates, or numbers that are not finite IEEE 754 doubles.
/// </summary>
public sealed class CanonicalJsonException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    public CanonicalJsonException()
        : base("The JSON cannot be canonicalized.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public CanonicalJsonException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CanonicalJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string Code => "canonical-json.invalid";

    /// <inheritdoc/>
    public override string UserMessage => "JSON 无法按 RFC 8785 规范化（格式错误、成员名重复、孤立代理项或数值超出范围）。";
}
