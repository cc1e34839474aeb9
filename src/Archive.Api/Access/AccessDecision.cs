using Archive.Api.Problems;

namespace Archive.Api.Access;

/// <summary>
/// The answer of <see cref="IContentAccess"/> for one caller, project and scope: allowed or refused (with a stable
/// 403 code and a Chinese message), and in both cases who is asking, for the ledger entry of the read.
/// </summary>
public sealed record AccessDecision
{
    private AccessDecision(bool allowed, Guid principalId, string role, string? organization, Guid? grantId, string? code, string? message)
    {
        IsAllowed = allowed;
        PrincipalId = principalId;
        Role = role;
        Organization = organization;
        GrantId = grantId;
        ProblemCode = code;
        ProblemMessage = message;
    }

    /// <summary>Whether the content may be released.</summary>
    public bool IsAllowed { get; }

    /// <summary>The caller's principal id.</summary>
    public Guid PrincipalId { get; }

    /// <summary>The caller's role.</summary>
    public string Role { get; }

    /// <summary>The caller's organisation, if recorded.</summary>
    public string? Organization { get; }

    /// <summary>The grant that allows the access (审批后的授权), or null when the role itself does (archivists).</summary>
    public Guid? GrantId { get; }

    /// <summary>For an auditor, the grant relied on with its paperwork (审批单号, 文号) and terms; null for archivists.</summary>
    public ActiveGrant? Grant { get; init; }

    /// <summary>For a refusal, the stable problem code (e.g. <c>access.no-grant</c>).</summary>
    public string? ProblemCode { get; }

    /// <summary>For a refusal, the message in Chinese.</summary>
    public string? ProblemMessage { get; }

    /// <summary>An allowed access.</summary>
    /// <param name="principalId">The caller.</param>
    /// <param name="role">The caller's role.</param>
    /// <param name="organization">The caller's organisation.</param>
    /// <param name="grantId">The grant relied on, or null when the role suffices.</param>
    /// <exception cref="ArgumentException">The role is empty.</exception>
    public static AccessDecision Allow(Guid principalId, string role, string? organization, Guid? grantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        return new(true, principalId, role, organization, grantId, null, null);
    }

    /// <summary>A refused access.</summary>
    /// <param name="principalId">The caller.</param>
    /// <param name="role">The caller's role.</param>
    /// <param name="organization">The caller's organisation.</param>
    /// <param name="code">A stable code, e.g. <c>access.no-grant</c> or <c>access.grant-expired</c>.</param>
    /// <param name="message">Why, in Chinese.</param>
    /// <exception cref="ArgumentException">The role, code or message is empty.</exception>
    public static AccessDecision Deny(Guid principalId, string role, string? organization, string code, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(false, principalId, role, organization, null, code, message);
    }

    /// <summary>The 403 problem+json answer of a refusal.</summary>
    /// <exception cref="InvalidOperationException">The access was allowed.</exception>
    public IResult ToProblem() => IsAllowed
        ? throw new InvalidOperationException("An allowed access has no problem.")
        : ApiProblem.Of(StatusCodes.Status403Forbidden, ProblemCode!, ProblemMessage!);
}
