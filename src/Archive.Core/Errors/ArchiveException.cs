namespace Archive.Core.Errors;

/// <summary>
/// The base of every refusal the archive's libraries raise on purpose: a <see cref="Kind"/> (never an HTTP status), a
/// stable <see cref="Code"/>, a message in Chinese for the person who made the request, and where it applies the
/// offending field and every problem found. <see cref="Exception.Message"/> may carry more detail for developers and
/// logs (keys, sizes, English); <see cref="UserMessage"/> is what a caller is shown.
/// </summary>
/// <remarks>
/// Failures that are bugs (a broken invariant, an unexpected backend error) are not refusals and stay ordinary
/// exceptions.
/// </remarks>
public abstract class ArchiveException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A description for developers and logs; may equal the user message.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected ArchiveException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of refusal this is.</summary>
    public abstract ErrorKind Kind { get; }

    /// <summary>A stable machine-readable code, e.g. <c>storage.not-found</c> or <c>access.self-decision</c>.</summary>
    public abstract string Code { get; }

    /// <summary>The message for the caller, in Chinese; by default <see cref="Exception.Message"/>.</summary>
    public virtual string UserMessage => Message;

    /// <summary>The offending field, header or item, if one.</summary>
    public virtual string? Field => null;

    /// <summary>Every problem, when the refusal lists several at once; otherwise empty.</summary>
    public virtual IReadOnlyList<ArchiveProblem> Problems => [];
}
