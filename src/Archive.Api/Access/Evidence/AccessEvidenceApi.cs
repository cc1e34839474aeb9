using System.Security.Claims;
using Archive.Api.Access.Requests;
using Archive.Api.Auth;
using Archive.Api.Principals;

namespace Archive.Api.Access.Evidence;

/// <summary>
/// <c>GET /api/v1/access-requests/{id}/evidence</c> (CONTRACT §7): every ledger entry of one request (raw bytes, base64)
/// with a signed checkpoint and an inclusion proof, so the agency can verify them without trusting the archive.
/// </summary>
public static class AccessEvidenceApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapAccessEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/access-requests/{id:guid}/evidence", EvidenceAsync).WithTags("access").RequireAuthorization(Policies.Authenticated)
            .RequireAuthorization(p => p.RequireRole(Roles.Approver, Roles.Archivist, Roles.Auditor))
            .WithSummary("本申请全部账本条目（原始字节 base64）及签名检查点与包含证明，供申请单位自行验证。");
        return app;
    }

    private static async Task<IResult> EvidenceAsync(Guid id, AccessRequestStore store, AccessEvidence evidence, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await evidence.ForRequestAsync(await AccessRequestsApi.VisibleAsync(store, id, user, ct), ct));
}
