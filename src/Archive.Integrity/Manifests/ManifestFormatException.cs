using Archive.Core.Errors;

namespace Archive.Integrity.Manifests;

/// <summary>Bytes that are not a valid, canonical <c>archive-manifest/1</c> document.</summary>
public sealed class ManifestFormatException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    public ManifestFormatException()
        : base("The manifest is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public ManifestFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string Code => "manifest.invalid";

    /// <inheritdoc/>
    public override string UserMessage => "清单不是有效、规范的 archive-manifest/1 文档。";
}
