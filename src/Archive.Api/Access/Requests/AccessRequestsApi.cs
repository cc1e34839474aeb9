using System.Security.Claims;
using System.Text.Json;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Api.Problems;
using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>
/// Endpoints of CONTRACT §7 under <c>/api/v1/access-requests</c> and <c>/api/v1/access-grants</c>: filing, documents,
/// decisions, revocations. The evidence and the register of a request are mapped by <c>AccessEvidenceApi</c> and
/// <c>AccessLogApi</c>. Refusals are <see cref="AccessWorkflowException"/>s, answered by the host's exception handler.
/// </summary>
public static class AccessRequestsApi
{
    /// <summary>Body of a decision.</summary>
    /// <param name="Approve">Approve (true) or reject (false).</param>
    /// <param name="Comment">Comment; required to reject.</param>
    public sealed record DecisionBody(bool? Approve, string? Comment);

    /// <summary>Body of a revocation.</summary>
    /// <param name="Reason">Why the grant ends now.</param>
    public sealed record RevocationBody(string? Reason);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAccessRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/v1/access-requests").WithTags("access").RequireAuthorization(Policies.Authenticated);
        requests.MapPost("/", CreateAsync).RequireAuthorization(p => p.RequireRole(Roles.Auditor))
            .WithSummary("提出查阅/复制申请（监督/审计主体）：projects、scope（read|copy）、purpose、legalBasis{documentNumber,issuer}、days、includePersonalData；随后须上传法律文书。");
        requests.MapPut("/{id:guid}/document", AttachDocumentAsync).RequireAuthorization(p => p.RequireRole(Roles.Auditor))
            .WithSummary("上传法律文书扫描件（PDF/JPEG/PNG/OFD，按内容识别，限大小）；同时记账 access.requested（含文书摘要），此后方可审批。");
        requests.MapGet("/{id:guid}/document", DocumentAsync).RequireAuthorization(p => p.RequireRole(Roles.Approver, Roles.Archivist, Roles.Auditor))
            .WithSummary("下载法律文书扫描件（审批人、档案员、申请单位）。");
        requests.MapGet("/", ListAsync).RequireAuthorization(p => p.RequireRole(Roles.Approver, Roles.Archivist, Roles.Auditor))
            .WithSummary("申请列表（最新在前）；监督/审计主体只见本单位的申请；?status= 筛选。");
        requests.MapGet("/{id:guid}", GetAsync).RequireAuthorization(p => p.RequireRole(Roles.Approver, Roles.Archivist, Roles.Auditor));
        requests.MapPost("/{id:guid}/decision", DecideAsync).RequireAuthorization(p => p.RequireRole(Roles.Approver))
            .WithSummary("审批（审批人，不得审批本人申请）：{approve, comment}；记账 access.decided（注明所答复的 access.requested 序号）；终审同意即生成授权。");

        var grants = app.MapGroup("/api/v1/access-grants").WithTags("access").RequireAuthorization(p => p.RequireRole(Roles.Approver, Roles.Admin));
        grants.MapPost("/{id:guid}/revoke", RevokeAsync)
            .WithSummary("撤销授权（审批人或管理员），立即生效；记账 access.revoked。");

        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, AccessWorkflow workflow, AccessSettings settings, IClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        JsonElement? body;
        try
        {
            body = http.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync<JsonElement>(http.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return ApiProblem.BadRequest("access.body", "请求体不是有效的 JSON。");
        }

        var input = AccessRequestValidator.Parse(body, settings);
        var request = await workflow.CreateAsync(AccessCaller.From(user), input, ct);
        return TypedResults.Created($"/api/v1/access-requests/{request.Id}", AccessRequestView.Of(request, clock.GetCurrentInstant()));
    }

    private static async Task<IResult> AttachDocumentAsync(
        Guid id, HttpRequest http, AccessWorkflow workflow, IClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = await workflow.AttachDocumentAsync(AccessCaller.From(user), id, http.Body, http.Headers["X-Content-SHA256"].ToString(), ct);
        return TypedResults.Created($"/api/v1/access-requests/{id}/document", AccessRequestView.Of(request, clock.GetCurrentInstant()));
    }

    private static async Task<IResult> DocumentAsync(Guid id, AccessRequestStore store, LegalDocumentStore documents, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = await VisibleAsync(store, id, user, ct);
        if (request.Document is not { } document)
        {
            return ApiProblem.NotFound("access.document-missing", "该申请尚未上传法律文书扫描件。");
        }

        var stream = await documents.OpenAsync(document, ct);
        return TypedResults.Stream(stream, document.MediaType, $"{request.ApprovalNumber}{Extension(document.MediaType)}");
    }

    private static async Task<IResult> ListAsync(string? status, AccessRequestStore store, IClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = AccessCaller.From(user);
        var now = clock.GetCurrentInstant();
        var list = await store.ListAsync(caller.Role == Roles.Auditor ? caller.Organization ?? string.Empty : null, 500, ct);
        return TypedResults.Ok(list.Select(r => AccessRequestView.Of(r, now)).Where(v => string.IsNullOrEmpty(status) || v.Status == status).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, AccessRequestStore store, IClock clock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(AccessRequestView.Of(await VisibleAsync(store, id, user, ct), clock.GetCurrentInstant()));

    private static async Task<IResult> DecideAsync(Guid id, DecisionBody? body, AccessWorkflow workflow, IClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body?.Approve is not { } approve)
        {
            return ApiProblem.BadRequest("access.approve-required", "须给出审批结论 approve（true 同意，false 不同意）。", "approve");
        }

        var request = await workflow.DecideAsync(AccessCaller.From(user), id, approve, body.Comment, ct);
        return TypedResults.Ok(AccessRequestView.Of(request, clock.GetCurrentInstant()));
    }

    private static async Task<IResult> RevokeAsync(Guid id, RevocationBody? body, AccessWorkflow workflow, IClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = await workflow.RevokeGrantAsync(AccessCaller.From(user), id, body?.Reason, ct);
        return TypedResults.Ok(AccessRequestView.Of(request, clock.GetCurrentInstant()));
    }

    /// <summary>The request, when it exists and the caller may see it (an auditor only its organisation's).</summary>
    /// <exception cref="AccessWorkflowException">404: no such request, or not the caller's to see.</exception>
    internal static async Task<AccessRequest> VisibleAsync(AccessRequestStore store, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = await store.GetAsync(id, ct);
        return request is not null && AccessWorkflow.MaySee(AccessCaller.From(user), request) ? request : throw AccessWorkflowException.RequestNotFound();
    }

    private static string Extension(string mediaType) => mediaType switch
    {
        "application/pdf" => ".pdf",
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "application/ofd" => ".ofd",
        _ => string.Empty,
    };
}
