using Archive.Core.Errors;

namespace Archive.Api.Access;

/// <summary>
/// A refusal of the access workflow or of a delivery to an auditor: a kind, a stable code, a Chinese message and, for
/// invalid requests, every problem at once. Nothing was changed when it is thrown.
/// </summary>
public sealed class AccessWorkflowException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field, if one.</param>
    /// <param name="problems">Every problem, for a request with several.</param>
    public AccessWorkflowException(ErrorKind kind, string code, string message, string? field = null, IReadOnlyList<ArchiveProblem>? problems = null)
        : base(kind, code, message, field, problems)
    {
    }

    /// <summary>A request the caller may not see or that does not exist.</summary>
    internal static AccessWorkflowException RequestNotFound() =>
        new(ErrorKind.NotFound, "access.request-not-found", "访问申请不存在。");

    /// <summary>A grant that does not exist.</summary>
    internal static AccessWorkflowException GrantNotFound() =>
        new(ErrorKind.NotFound, "access.grant-not-found", "授权不存在。");
}
