using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Access.Requests;

/// <summary>The ledger entries of the access workflow: <c>access.requested</c>, <c>access.decided</c>, <c>access.revoked</c>.</summary>
public static class AccessEntries
{
    /// <summary>A request lodged with its legal document.</summary>
    public const string Requested = "access.requested";

    /// <summary>An approver's decision at one level.</summary>
    public const string Decided = "access.decided";

    /// <summary>A grant revoked.</summary>
    public const string Revoked = "access.revoked";

    /// <summary>An instant as the entries write it (ISO-8601 UTC, with fractions when there are any).</summary>
    /// <param name="instant">The instant.</param>
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    internal static JsonObject RequestedFields(AccessRequest r, LegalDocument document) => new()
    {
        ["request"] = r.Id.ToString(),
        ["approvalNumber"] = r.ApprovalNumber,
        ["principal"] = r.RequesterId.ToString(),
        ["organization"] = r.Organization,
        ["projects"] = new JsonArray(r.Projects.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        ["scope"] = ScopeNames.Of(r.Scope),
        ["purpose"] = r.Purpose,
        ["legalBasis"] = new JsonObject { ["documentNumber"] = r.Basis.DocumentNumber, ["issuer"] = r.Basis.Issuer },
        ["days"] = r.Days,
        ["includePersonalData"] = r.IncludePersonalData,
        ["levelsRequired"] = r.LevelsRequired,
        ["document"] = new JsonObject
        {
            ["sha256"] = document.Sha256,
            ["size"] = document.Size,
            ["mediaType"] = document.MediaType,
            ["key"] = document.Key,
        },
    };

    internal static JsonObject DecidedFields(AccessRequest r, ApprovalDecision d, AccessCaller approver, string outcome, AccessGrant? grant) => new()
    {
        ["request"] = r.Id.ToString(),
        ["approvalNumber"] = r.ApprovalNumber,
        ["requestEntry"] = r.RequestedEntry,
        ["principal"] = r.RequesterId.ToString(),
        ["organization"] = r.Organization,
        ["projects"] = new JsonArray(r.Projects.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        ["scope"] = ScopeNames.Of(r.Scope),
        ["level"] = d.Level,
        ["levelsRequired"] = r.LevelsRequired,
        ["approver"] = approver.Id.ToString(),
        ["approverOrganization"] = approver.Organization,
        ["approve"] = d.Approve,
        ["comment"] = d.Comment,
        ["outcome"] = outcome,
        ["grant"] = grant?.Id.ToString(),
        ["validFrom"] = grant is null ? null : Format(grant.StartsAt),
        ["validUntil"] = grant is null ? null : Format(grant.EndsAt),
    };

    internal static JsonObject RevokedFields(AccessRequest r, AccessGrant g, Guid by, string byRole, string reason) => new()
    {
        ["request"] = r.Id.ToString(),
        ["approvalNumber"] = r.ApprovalNumber,
        ["requestEntry"] = r.RequestedEntry,
        ["grant"] = g.Id.ToString(),
        ["principal"] = g.PrincipalId.ToString(),
        ["organization"] = r.Organization,
        ["projects"] = new JsonArray(r.Projects.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
        ["by"] = by.ToString(),
        ["byRole"] = byRole,
        ["reason"] = reason,
    };
}
