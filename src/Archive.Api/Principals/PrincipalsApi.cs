using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Api.Problems;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;

namespace Archive.Api.Principals;

/// <summary>
/// Endpoints under <c>/api/v1/principals</c> (CONTRACT §2), with the three administrators (三员分立): the system
/// administrator (<c>admin</c>) creates, re-enables, binds and revokes; the security administrator confirms what
/// another administrator proposed (and may revoke); the audit administrator only reads.
/// </summary>
public static partial class PrincipalsApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    public static RouteGroupBuilder MapPrincipalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/principals").WithTags("principals");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("创建主体（系统管理员）；令牌只返回一次，只保存其哈希。特权角色须经安全管理员复核后生效（status: pending）。");
        group.MapGet("/", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Administrators));
        group.MapDelete("/{id:guid}", RevokeAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.SecurityAdmin))
            .WithSummary("吊销主体的令牌（或驳回待复核的申请），立即生效。");
        group.MapPost("/{id:guid}/enable", EnableAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("申请重新启用已吊销的主体，签发新令牌（只返回一次）；特权角色须经安全管理员复核后生效。");
        group.MapPost("/{id:guid}/confirm", ConfirmAsync).RequireAuthorization(p => p.RequireRole(Roles.SecurityAdmin))
            .WithSummary("安全管理员复核另一名管理员提出的创建或重新启用申请（双人复核）。");
        group.MapPut("/{id:guid}/codes", BindCodesAsync).RequireAuthorization(Policies.Admin)
            .WithSummary("登记交易系统可提交的行政区划代码与项目编号前缀（编号归属）。");
        group.MapGet("/me", MeAsync).RequireAuthorization(Policies.Authenticated);
        group.MapPost("/me/token", RotateAsync).RequireAuthorization(Policies.Authenticated)
            .WithSummary("轮换本主体的令牌：签发新令牌，旧令牌在重叠期内继续有效。");
        return group;
    }

    /// <summary>Body of <c>POST /api/v1/principals</c>; <c>regions</c> and <c>codePrefixes</c> only for <c>ingest</c>.</summary>
    /// <param name="Name">Display name.</param>
    /// <param name="Role">One of <see cref="Roles"/>.</param>
    /// <param name="Organization">Organisation or platform.</param>
    /// <param name="Regions">Region codes a trading system may submit.</param>
    /// <param name="CodePrefixes">Project-code prefixes a trading system may submit.</param>
    public sealed record CreatePrincipalRequest(string? Name, string? Role, string? Organization, IReadOnlyList<string>? Regions = null, IReadOnlyList<string>? CodePrefixes = null);

    /// <summary>Answer of <c>POST /api/v1/principals</c>: the token is shown only here.</summary>
    /// <param name="Id">The principal.</param>
    /// <param name="Token">Its token, shown once.</param>
    /// <param name="Name">Display name.</param>
    /// <param name="Role">Role.</param>
    /// <param name="Organization">Organisation or platform.</param>
    /// <param name="Status"><c>active</c>, or <c>pending</c> until a security administrator confirms.</param>
    /// <param name="TokenExpiresAt">When the token stops working.</param>
    public sealed record CreatedPrincipal(Guid Id, string Token, string Name, string Role, string? Organization, string Status, string? TokenExpiresAt);

    /// <summary>A principal as listed (never with a token).</summary>
    /// <param name="Id">The principal.</param>
    /// <param name="Name">Display name.</param>
    /// <param name="Role">Role.</param>
    /// <param name="Organization">Organisation or platform.</param>
    /// <param name="CreatedAt">When created or proposed.</param>
    /// <param name="RevokedAt">When revoked.</param>
    /// <param name="Status"><c>active</c>, <c>pending</c> or <c>revoked</c>.</param>
    /// <param name="TokenExpiresAt">When the current token stops working.</param>
    /// <param name="Regions">For a trading system: the region codes it may submit.</param>
    /// <param name="CodePrefixes">For a trading system: the code prefixes it may submit.</param>
    public sealed record PrincipalView(
        Guid Id, string Name, string Role, string? Organization, string CreatedAt, string? RevokedAt, string Status, string? TokenExpiresAt,
        IReadOnlyList<string>? Regions, IReadOnlyList<string>? CodePrefixes)
    {
        internal static PrincipalView Of(Principal p) =>
            new(p.Id, p.Name, p.Role, p.Organization, p.CreatedAt.ToString(), p.RevokedAt?.ToString(), p.Status, p.TokenExpiresAt?.ToString(),
                p.Role == Roles.Ingest ? p.Codes.Regions : null, p.Role == Roles.Ingest ? p.Codes.CodePrefixes : null);
    }

    private static async Task<IResult> CreateAsync(CreatePrincipalRequest? body, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var (principal, token) = await CreateCheckedAsync(body, store, user.PrincipalId(), ct);
        return TypedResults.Created($"/api/v1/principals/{principal.Id}",
            new CreatedPrincipal(principal.Id, token, principal.Name, principal.Role, principal.Organization, principal.Status, principal.TokenExpiresAt?.ToString()));
    }

    /// <summary>
    /// Checks a creation request and creates (or proposes) the principal: what <c>POST /api/v1/principals</c> and the
    /// console's 系统管理 page both do.
    /// </summary>
    /// <param name="body">The request.</param>
    /// <param name="store">The principals.</param>
    /// <param name="by">The administrator.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">A field is invalid.</exception>
    public static async Task<(Principal Principal, string Token)> CreateCheckedAsync(CreatePrincipalRequest? body, PrincipalStore store, Guid by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = body?.Name?.Trim();
        var organization = string.IsNullOrWhiteSpace(body?.Organization) ? null : body.Organization.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || name.Any(char.IsControl))
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.name", "名称为必填项，长度 1–100 个字符，且不得含控制字符。", "name");
        }

        if (!Roles.IsKnown(body!.Role))
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.role", $"角色无效，应为 {string.Join("、", Roles.All)} 之一。", "role");
        }

        if (organization is { Length: > 200 } || (organization?.Any(char.IsControl) ?? false))
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.organization", "单位名称长度不得超过 200 个字符，且不得含控制字符。", "organization");
        }

        if (organization is null && body.Role is Roles.Auditor or Roles.Ingest)
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.organization-required", "审计/监督主体须注明所属单位，交易系统须注明所属平台。", "organization");
        }

        var codes = new CodeOwnership(body.Regions ?? [], body.CodePrefixes ?? []);
        if ((codes.Regions.Count > 0 || codes.CodePrefixes.Count > 0) && body.Role != Roles.Ingest)
        {
            throw new PrincipalException(ErrorKind.Invalid, "principal.codes-not-ingest", "只有交易系统（ingest）主体可以登记编号归属。", "regions");
        }

        CheckCodes(codes);

        return await store.CreateAsync(name, body.Role!, organization, by, ct,
            codes.Regions.Count > 0 || codes.CodePrefixes.Count > 0 ? codes : null);
    }

    private static async Task<IResult> ListAsync(PrincipalStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(PrincipalView.Of));

    private static async Task<IResult> RevokeAsync(Guid id, PrincipalStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        await RevokeCheckedAsync(id, store, user.PrincipalId(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>Revokes a principal (or rejects its pending proposal), never the caller itself: the API's and the console's way.</summary>
    /// <param name="id">The principal.</param>
    /// <param name="store">The principals.</param>
    /// <param name="by">The administrator.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">It is the caller (<c>principal.self-revoke</c>), or unknown or revoked already.</exception>
    public static async Task RevokeCheckedAsync(Guid id, PrincipalStore store, Guid by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (id == by)
        {
            throw new PrincipalException(ErrorKind.Conflict, "principal.self-revoke", "不能吊销自己的令牌。");
        }

        if (!await store.RevokeAsync(id, by, ct))
        {
            throw PrincipalException.NotFound();
        }
    }

    private static async Task<IResult> MeAsync(PrincipalStore store, ClaimsPrincipal user, CancellationToken ct) =>
        await store.FindAsync(user.PrincipalId(), ct) is { } p
            ? TypedResults.Ok(PrincipalView.Of(p))
            : ApiProblem.NotFound("principal.not-found", "主体不存在。");
}
