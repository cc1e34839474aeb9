namespace Archive.Integrity.Canonical;

/// <summary>
/// JSON that cannot be canonicalized under RFC 8785: malformed JSON, duplicate member names,
/// lone surrogates, or numbers that are not finite IEEE 754 doubles.
/// </summary>
public sealed class CanonicalJsonException : FormatException
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
}
