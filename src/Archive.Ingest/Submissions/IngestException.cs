using Archive.Core.Errors;

namespace Archive.Ingest.Submissions;

/// <summary>A refused ingest request, with a stable code, a Chinese message and every problem found.</summary>
public sealed class IngestException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field or item, if any.</param>
    /// <param name="problems">Every problem, when there are several (seal).</param>
    public IngestException(ErrorKind kind, string code, string message, string? field = null, IReadOnlyList<ArchiveProblem>? problems = null)
        : base(kind, code, message, field, problems)
    {
    }
}
