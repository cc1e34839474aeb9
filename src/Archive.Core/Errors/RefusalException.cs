namespace Archive.Core.Errors;

/// <summary>
/// A refusal whose kind, code and problems are decided where it is thrown (a workflow's checks), rather than fixed by
/// its type: the common shape of <c>IngestException</c> and <c>AccessWorkflowException</c>. The message is the Chinese
/// one shown to callers.
/// </summary>
public abstract class RefusalException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field or item, if any.</param>
    /// <param name="problems">Every problem, when there are several (一次性告知).</param>
    protected RefusalException(ErrorKind kind, string code, string message, string? field, IReadOnlyList<ArchiveProblem>? problems)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Field = field;
        Problems = problems ?? [];
    }

    /// <inheritdoc />
    public override ErrorKind Kind { get; }

    /// <inheritdoc />
    public override string Code { get; }

    /// <inheritdoc />
    public override string? Field { get; }

    /// <inheritdoc />
    public override IReadOnlyList<ArchiveProblem> Problems { get; }
}
