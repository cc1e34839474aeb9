using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Api.Problems;

namespace Archive.Api.Principals;

/// <summary>Endpoints under <c>/api/v1/principals</c> (CONTRACT §2).</summary>
public static class PrincipalsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapPrincipalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/principals").WithTags("principals");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("创建主体（管理员）；令牌只返回一次，只保存其哈希。");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:guid}", RevokeAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("吊销主体的令牌，立即生效。");
        group.MapGet("/me", MeAsync).RequireAuthorization(Policies.Authenticated);
        return group;
    }

    /// <summary>Body of <c>POST /api/v1/principals</c>.</summary>
    public sealed record CreatePrincipalRequest(string? Name, string? Role, string? Organization);

    /// <summary>Answer of <c>POST /api/v1/principals</c>: the token is shown only here.</summary>
    public sealed record CreatedPrincipal(Guid Id, string Token, string Name, string Role, string? Organization);

    /// <summary>A principal as listed (never with a token).</summary>
    public sealed record PrincipalView(Guid Id, string Name, string Role, string? Organization, string CreatedAt, string? RevokedAt)
    {
        internal static PrincipalView Of(Principal p) =>
            new(p.Id, p.Name, p.Role, p.Organization, p.CreatedAt.ToString(), p.RevokedAt?.ToString());
    }

    private static async Task<IResult> CreateAsync(CreatePrincipalRequest? body, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var name = body?.Name?.Trim();
        var organization = string.IsNullOrWhiteSpace(body?.Organization) ? null : body.Organization.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            return ApiProblem.BadRequest("principal.name", "名称为必填项，长度 1–100 个字符，且不得含控制字符。", "name");
        }

        if (!Roles.IsKnown(body!.Role))
        {
            return ApiProblem.BadRequest("principal.role", $"角色无效，应为 {string.Join("、", Roles.All)} 之一。", "role");
        }

        if (organization is { Length: > 200 } || (organization?.Any(char.IsControl) ?? false))
        {
            return ApiProblem.BadRequest("principal.organization", "单位名称长度不得超过 200 个字符，且不得含控制字符。", "organization");
        }

        if (organization is null && body.Role is Roles.Auditor or Roles.Ingest)
        {
            return ApiProblem.BadRequest("principal.organization-required", "审计/监督主体须注明所属单位，交易系统须注明所属平台。", "organization");
        }

        var (principal, token) = await store.CreateAsync(name, body.Role!, organization, user.PrincipalId(), ct);
        return TypedResults.Created($"/api/v1/principals/{principal.Id}",
            new CreatedPrincipal(principal.Id, token, principal.Name, principal.Role, principal.Organization));
    }

    private static async Task<IResult> ListAsync(PrincipalStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(PrincipalView.Of));

    private static async Task<IResult> RevokeAsync(Guid id, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        if (id == user.PrincipalId())
        {
            return ApiProblem.Conflict("principal.self-revoke", "不能吊销自己的令牌。");
        }

        return await store.RevokeAsync(id, user.PrincipalId(), ct)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound("principal.not-found", "主体不存在或已被吊销。");
    }

    private static async Task<IResult> MeAsync(PrincipalStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindAsync(user.PrincipalId(), ct) is { } p
            ? TypedResults.Ok(PrincipalView.Of(p))
            : ApiProblem.NotFound("principal.not-found", "主体不存在。");
}
