namespace Archive.Ingest.Submissions;

/// <summary>A refused ingest request, with a stable code, a Chinese message and every problem found.</summary>
public sealed class IngestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IngestException(IngestErrorKind kind, string code, string message, string? field = null, IReadOnlyList<IngestProblem>? problems = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Field = field;
        Problems = problems ?? [];
    }

    /// <summary>The kind of refusal.</summary>
    public IngestErrorKind Kind { get; }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>The offending field or item, if any.</summary>
    public string? Field { get; }

    /// <summary>Every problem, when there are several (seal).</summary>
    public IReadOnlyList<IngestProblem> Problems { get; }
}
