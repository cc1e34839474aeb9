using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>An access request as the API shows it (instants ISO-8601 UTC).</summary>
/// <param name="Id">The request.</param>
/// <param name="ApprovalNumber">审批单号.</param>
/// <param name="Status">pending, approved, rejected, revoked or expired.</param>
/// <param name="Requester">The auditor principal.</param>
/// <param name="RequesterName">Its name.</param>
/// <param name="Organization">Its organisation.</param>
/// <param name="Projects">The project codes.</param>
/// <param name="Scope">read or copy.</param>
/// <param name="Purpose">Why.</param>
/// <param name="LegalBasis">Document number and issuer.</param>
/// <param name="Days">Grant length in days.</param>
/// <param name="IncludePersonalData">Whether identifiers are unmasked under the grant.</param>
/// <param name="LevelsRequired">Approval levels needed.</param>
/// <param name="CreatedAt">When filed.</param>
/// <param name="Document">The legal document, once uploaded.</param>
/// <param name="RequestedEntry">Ledger index of <c>access.requested</c>.</param>
/// <param name="Decisions">Decisions so far.</param>
/// <param name="Grant">The grant, once approved.</param>
public sealed record AccessRequestView(
    Guid Id, string ApprovalNumber, string Status, Guid Requester, string RequesterName, string Organization, IReadOnlyList<string> Projects,
    string Scope, string Purpose, LegalBasis LegalBasis, int Days, bool IncludePersonalData, int LevelsRequired, string CreatedAt,
    DocumentView? Document, long? RequestedEntry, IReadOnlyList<DecisionView> Decisions, GrantView? Grant)
{
    internal static AccessRequestView Of(AccessRequest r, Instant now) => new(
        r.Id, r.ApprovalNumber, r.StatusAt(now), r.RequesterId, r.RequesterName, r.Organization, r.Projects, ScopeNames.Of(r.Scope), r.Purpose,
        r.Basis, r.Days, r.IncludePersonalData, r.LevelsRequired, AccessEntries.Format(r.CreatedAt),
        r.Document is { } d ? new DocumentView(d.Sha256, d.Size, d.MediaType) : null, r.RequestedEntry,
        r.Decisions.Select(d => new DecisionView(d.Level, d.ApproverId, d.ApproverName, d.Approve, d.Comment, AccessEntries.Format(d.DecidedAt), d.LedgerIndex)).ToList(),
        r.Grant is { } g
            ? new GrantView(g.Id, AccessEntries.Format(g.StartsAt), AccessEntries.Format(g.EndsAt), g.IsActiveAt(now),
                g.RevokedAt is { } at ? AccessEntries.Format(at) : null, g.RevokeReason, g.RevokedEntry)
            : null);
}

/// <summary>The stored legal document.</summary>
/// <param name="Sha256">Its SHA-256.</param>
/// <param name="Size">Its size.</param>
/// <param name="MediaType">Its recognised type.</param>
public sealed record DocumentView(string Sha256, long Size, string MediaType);

/// <summary>One decision.</summary>
/// <param name="Level">Approval level.</param>
/// <param name="Approver">The approver.</param>
/// <param name="ApproverName">Its name.</param>
/// <param name="Approve">Approved or not.</param>
/// <param name="Comment">Comment.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="LedgerIndex">Ledger index of <c>access.decided</c>.</param>
public sealed record DecisionView(int Level, Guid Approver, string ApproverName, bool Approve, string? Comment, string DecidedAt, long LedgerIndex);

/// <summary>The grant.</summary>
/// <param name="Id">The grant.</param>
/// <param name="ValidFrom">Start.</param>
/// <param name="ValidUntil">End (exclusive).</param>
/// <param name="Active">Whether it allows access now.</param>
/// <param name="RevokedAt">When revoked.</param>
/// <param name="RevokeReason">Why.</param>
/// <param name="RevokedEntry">Ledger index of <c>access.revoked</c>.</param>
public sealed record GrantView(Guid Id, string ValidFrom, string ValidUntil, bool Active, string? RevokedAt, string? RevokeReason, long? RevokedEntry);
