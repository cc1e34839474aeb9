using Archive.Api.Problems;

namespace Archive.Api.Grants;

/// <summary>
/// A refusal of the access workflow: a status, a stable code, a Chinese message and, for invalid requests, every
/// problem at once. Nothing was changed when it is thrown.
/// </summary>
public sealed class AccessWorkflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status to answer with.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field, if one.</param>
    /// <param name="problems">Every problem, for a request with several.</param>
    public AccessWorkflowException(int status, string code, string message, string? field = null, IReadOnlyList<AccessProblem>? problems = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Field = field;
        Problems = problems ?? [];
    }

    /// <summary>Creates an exception without details (for serializers and analyzers).</summary>
    public AccessWorkflowException()
        : this(StatusCodes.Status400BadRequest, "access.invalid", "访问申请无效。")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The Chinese message.</param>
    public AccessWorkflowException(string message)
        : this(StatusCodes.Status400BadRequest, "access.invalid", message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The Chinese message.</param>
    /// <param name="innerException">The cause.</param>
    public AccessWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status400BadRequest;
        Code = "access.invalid";
        Problems = [];
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The stable code.</summary>
    public string Code { get; }

    /// <summary>The offending field, if one.</summary>
    public string? Field { get; }

    /// <summary>Every problem, when several were found.</summary>
    public IReadOnlyList<AccessProblem> Problems { get; }

    /// <summary>The problem+json answer.</summary>
    public IResult ToProblem() => ApiProblem.Of(Status, Code, Message, Field, Problems.Count > 0 ? Problems : null);

    /// <summary>404 for a request the caller may not see or that does not exist.</summary>
    internal static AccessWorkflowException RequestNotFound() =>
        new(StatusCodes.Status404NotFound, "access.request-not-found", "访问申请不存在。");

    /// <summary>404 for a grant that does not exist.</summary>
    internal static AccessWorkflowException GrantNotFound() =>
        new(StatusCodes.Status404NotFound, "access.grant-not-found", "授权不存在。");
}
