using Archive.Core.Errors;

namespace Archive.Ingest.Retention;

/// <summary>A refused lifecycle request (hold, disposal, decision); nothing changed.</summary>
public sealed class RetentionException : RefusalException
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="kind">What kind of refusal it is.</param>
    /// <param name="code">The stable code, e.g. <c>disposal.not-due</c>.</param>
    /// <param name="message">The Chinese message for the caller.</param>
    /// <param name="field">The offending field, if any.</param>
    public RetentionException(ErrorKind kind, string code, string message, string? field = null)
        : base(kind, code, message, field, null)
    {
    }
}
