using Archive.Core.Errors;

namespace Archive.Ingest.Metadata;

/// <summary>An identifier given to a <c>Parse</c> method is invalid.</summary>
public sealed class InvalidIdentifierException : ArchiveException
{
    /// <summary>Creates the exception from the validation error.</summary>
    /// <param name="error">What is wrong.</param>
    public InvalidIdentifierException(IdentifierError error)
        : base(error?.Message ?? string.Empty)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>What is wrong (stable code and Chinese message).</summary>
    public IdentifierError Error { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string Code => Error.Code;
}
