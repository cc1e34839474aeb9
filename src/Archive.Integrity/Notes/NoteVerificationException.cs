namespace Archive.Integrity.Notes;

/// <summary>
/// A signed note could not be opened: it is malformed, carries no signature by the expected
/// key, or that key's signature is invalid.
/// </summary>
public sealed class NoteVerificationException : Exception
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
}
