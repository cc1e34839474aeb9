using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>One approver's appraisal decision (鉴定意见).</summary>
/// <param name="ApproverId">The approver.</param>
/// <param name="ApproverName">Its name (监销人 on the 销毁清册).</param>
/// <param name="Decision"><c>keep</c> or <c>dispose</c>.</param>
/// <param name="Comment">The comment (required to keep).</param>
/// <param name="ExtendUntil">With <c>keep</c>: the new end of retention.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="LedgerIndex">The <c>appraisal.decided</c> ledger index.</param>
public sealed record DisposalDecision(Guid ApproverId, string ApproverName, string Decision, string? Comment, LocalDate? ExtendUntil, Instant DecidedAt, long LedgerIndex);
