using Archive.Api.Access;
using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>A request of an audit agency to read or copy projects' archives (查阅/复制申请).</summary>
/// <param name="Id">Its id.</param>
/// <param name="ApprovalNumber">The approval form number (审批单号), e.g. <c>2026-000012</c>.</param>
/// <param name="RequesterId">The auditor principal who filed it.</param>
/// <param name="RequesterName">That principal's name.</param>
/// <param name="Organization">The requesting organisation (申请单位).</param>
/// <param name="Projects">The project codes named, in request order.</param>
/// <param name="Scope">Read, or copy.</param>
/// <param name="Purpose">Why (用途).</param>
/// <param name="Basis">The legal basis.</param>
/// <param name="Days">The grant's length in days.</param>
/// <param name="IncludePersonalData">Whether personal identifiers are shown unmasked under the grant.</param>
/// <param name="LevelsRequired">1, or 2 when the scope needs a second approval level.</param>
/// <param name="StoredStatus">The stored status (<see cref="AccessRequestStatus"/>, never expired).</param>
/// <param name="CreatedAt">When it was filed.</param>
/// <param name="Document">The scanned legal document, once uploaded.</param>
/// <param name="RequestedEntry">The index of its <c>access.requested</c> ledger entry, once the document is uploaded.</param>
public sealed record AccessRequest(
    Guid Id,
    string ApprovalNumber,
    Guid RequesterId,
    string RequesterName,
    string Organization,
    IReadOnlyList<string> Projects,
    ContentScope Scope,
    string Purpose,
    LegalBasis Basis,
    int Days,
    bool IncludePersonalData,
    int LevelsRequired,
    string StoredStatus,
    Instant CreatedAt,
    LegalDocument? Document,
    long? RequestedEntry)
{
    /// <summary>The decisions taken so far, by level.</summary>
    public IReadOnlyList<ApprovalDecision> Decisions { get; init; } = [];

    /// <summary>The grant, once approved.</summary>
    public AccessGrant? Grant { get; init; }

    /// <summary>The status at <paramref name="now"/>: an approved request whose grant has ended is <c>expired</c>.</summary>
    /// <param name="now">The current instant.</param>
    public string StatusAt(Instant now) =>
        StoredStatus == AccessRequestStatus.Approved && Grant is { } g && now >= g.EndsAt ? AccessRequestStatus.Expired : StoredStatus;
}
