using NodaTime;

namespace Archive.Api.Access;

/// <summary>
/// The grant an auditor's content access relies on, as the content gate hands it on: its ids and paperwork go into
/// the <c>access.read</c>/<c>access.copied</c> entries and the watermark, its terms decide masking.
/// </summary>
/// <param name="GrantId">The grant.</param>
/// <param name="RequestId">The request it answers.</param>
/// <param name="ApprovalNumber">审批单号.</param>
/// <param name="DocumentNumber">The legal basis document number (文号).</param>
/// <param name="Scope">Read or copy.</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="IncludePersonalData">Whether personal identifiers are delivered unmasked.</param>
/// <param name="PrincipalName">The auditor's name (查阅人).</param>
/// <param name="Organization">The auditor's organisation (单位).</param>
public sealed record ActiveGrant(
    Guid GrantId, Guid RequestId, string ApprovalNumber, string DocumentNumber, ContentScope Scope, Instant EndsAt,
    bool IncludePersonalData, string PrincipalName, string Organization);
