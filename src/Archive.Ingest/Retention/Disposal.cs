using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>
/// A disposal appraisal (销毁鉴定): proposed by an archivist for projects whose retention ended (and/or single items whose
/// own retention ended before their version's, <see cref="Items"/>), decided by an appraisal
/// group of approvers, then carried out (销毁清册 first, content deleted once the stores' locks have ended, tombstones).
/// Status: <c>appraising</c>, <c>kept</c>, <c>disposing</c>, <c>waiting</c> (a hold or a store lock; retried daily),
/// <c>disposed</c>.
/// </summary>
/// <param name="Id">The disposal's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="Projects">The projects it covers.</param>
/// <param name="Reason">The archivist's reason.</param>
/// <param name="ProposedById">The proposing archivist.</param>
/// <param name="ProposedBy">Its name.</param>
/// <param name="ProposedAt">When.</param>
/// <param name="ProposedEntry">The <c>disposal.proposed</c> ledger index.</param>
/// <param name="Decisions">The appraisal group's decisions, in order.</param>
/// <param name="WaitingReason">Why it waits (Chinese), when it does.</param>
/// <param name="RegisterKey">The key of the stored 销毁清册 PDF (both stores), once written.</param>
/// <param name="RegisterSha256">Its SHA-256.</param>
/// <param name="CompletedAt">When the disposal finished.</param>
public sealed record Disposal(
    Guid Id,
    string Status,
    IReadOnlyList<string> Projects,
    string Reason,
    Guid ProposedById,
    string ProposedBy,
    Instant ProposedAt,
    long ProposedEntry,
    IReadOnlyList<DisposalDecision> Decisions,
    string? WaitingReason,
    string? RegisterKey,
    string? RegisterSha256,
    Instant? CompletedAt)
{
    /// <summary>The items it covers on their own (empty when it covers whole projects only).</summary>
    public IReadOnlyList<DisposalItem> Items { get; init; } = [];
}
