using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>One approver's decision on a request at one level (审批意见).</summary>
/// <param name="Level">1, or 2 for the second level.</param>
/// <param name="ApproverId">The approver principal.</param>
/// <param name="ApproverName">That principal's name.</param>
/// <param name="ApproverOrganization">That principal's organisation, if recorded.</param>
/// <param name="Approve">Approved or rejected.</param>
/// <param name="Comment">The approver's comment.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="LedgerIndex">The index of its <c>access.decided</c> entry.</param>
public sealed record ApprovalDecision(
    int Level, Guid ApproverId, string ApproverName, string? ApproverOrganization, bool Approve, string? Comment, Instant DecidedAt, long LedgerIndex);
