namespace Archive.Ingest.Metadata;

/// <summary>An identifier given to a <c>Parse</c> method is invalid.</summary>
public sealed class InvalidIdentifierException : Exception
{
    /// <summary>Creates the exception from the validation error.</summary>
    /// <param name="error">What is wrong.</param>
    public InvalidIdentifierException(IdentifierError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>What is wrong (stable code and Chinese message).</summary>
    public IdentifierError Error { get; }
}
