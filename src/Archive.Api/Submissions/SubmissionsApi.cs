using System.Security.Claims;
using System.Text.Json.Nodes;
using Archive.Api.Auth;
using Archive.Core.Errors;
using Archive.Ingest.Hosting;
using Archive.Ingest.Submissions;
using Microsoft.AspNetCore.Http.Features;

namespace Archive.Api.Submissions;

/// <summary>Endpoints under <c>/api/v1/submissions</c> (CONTRACT §3): only the <c>ingest</c> role, only for its own platform.</summary>
public static class SubmissionsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/submissions").WithTags("submissions").RequireAuthorization(Policies.Ingest);
        group.MapPost("/", CreateAsync).WithSummary("开立归档提交（同一项目已归档时为补充提交，封存为下一版本）。");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("提交状态：open|sealing|archived|rejected，版本、清单摘要、账本序号、问题。");
        group.MapPut("/{id:guid}/metadata", ReplaceMetadataAsync).WithSummary("补正未封存提交的元数据（项目编号不可改）。");
        group.MapGet("/{id:guid}/items", ItemsAsync).WithSummary("已接收的条目。");
        group.MapPut("/{id:guid}/items/{**path}", PutItemAsync)
            .WithSummary("上传条目：请求体为原始字节，须带 Content-Type 与 X-Item-Role，可带 X-Content-SHA256；边接收边计算 SHA-256 与 SM3。音视频类型（清单中 recording 为真）须带 X-Recording-Room、X-Recording-Channel（UTF-8 百分号编码）、X-Recording-Start、X-Recording-End（ISO 8601，含时区偏移）。");
        group.MapPost("/{id:guid}/seal", SealAsync).WithSummary("封存：通过检查则 202 并在后台封存；否则 422 一次性列出全部问题。");
        return group;
    }

    /// <summary>The state of a submission as CONTRACT §3 shapes it.</summary>
    public sealed record SubmissionView(
        Guid Id, string Status, string ProjectCode, int? Version, string? ManifestSha256, long? LedgerIndex, IReadOnlyList<ArchiveProblem> Problems)
    {
        internal static SubmissionView Of(Submission s) => new(s.Id, s.Status, s.ProjectCode, s.Version, s.ManifestSha256, s.LedgerIndex, s.Problems);
    }

    /// <summary>An item as received.</summary>
    public sealed record ItemView(string Path, string Role, string MediaType, long Size, string Sha256, string Sm3, string ReceivedAt)
    {
        internal static ItemView Of(SubmissionItem i) => new(i.Path, i.Role, i.MediaType, i.Size, i.Sha256, i.Sm3, i.ReceivedAt.ToString());
    }

    private static IngestCaller Caller(ClaimsPrincipal user) =>
        new(user.PrincipalId(), user.FindFirstValue(ArchiveClaims.Organization)
            ?? throw new IngestException(ErrorKind.Forbidden, "submission.no-platform", "交易系统主体未登记所属平台，不能提交归档。"),
            new CodeOwnership(user.FindAll(ArchiveClaims.Region).Select(c => c.Value).ToList(), user.FindAll(ArchiveClaims.CodePrefix).Select(c => c.Value).ToList()));

    private static async Task<IResult> CreateAsync(JsonObject? body, SubmissionService service, ClaimsPrincipal user, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.ApiProblem.BadRequest("request.body", "请求体应为 JSON 对象。");
        }

        var submission = await service.CreateAsync(Caller(user), body, ct);
        return TypedResults.Created($"/api/v1/submissions/{submission.Id}", SubmissionView.Of(submission));
    }

    private static async Task<IResult> GetAsync(Guid id, SubmissionService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(SubmissionView.Of(await service.GetAsync(Caller(user), id, ct)));

    private static async Task<IResult> ReplaceMetadataAsync(Guid id, JsonObject? body, SubmissionService service, ClaimsPrincipal user, CancellationToken ct) =>
        body is null
            ? Problems.ApiProblem.BadRequest("request.body", "请求体应为 JSON 对象。")
            : TypedResults.Ok(SubmissionView.Of(await service.ReplaceMetadataAsync(Caller(user), id, body, ct)));

    private static async Task<IResult> ItemsAsync(Guid id, SubmissionService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok((await service.ItemsAsync(Caller(user), id, ct)).Select(ItemView.Of));

    private static async Task<IResult> PutItemAsync(
        Guid id, string path, HttpContext context, SubmissionService service, IngestOptions options, ClaimsPrincipal user, CancellationToken ct)
    {
        // Venue recordings run to many GiB: the body streams, bounded by the configured item limit, not Kestrel's default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxItemBytes;
        }

        var request = context.Request;
        var recording = new RecordingInput(request.Headers["X-Recording-Room"].FirstOrDefault(), request.Headers["X-Recording-Channel"].FirstOrDefault(),
            request.Headers["X-Recording-Start"].FirstOrDefault(), request.Headers["X-Recording-End"].FirstOrDefault());
        var item = await service.PutItemAsync(Caller(user), id, path, request.Headers["X-Item-Role"], request.ContentType,
            request.Headers["X-Content-SHA256"].FirstOrDefault(), request.ContentLength, request.Body, ct, recording);
        return TypedResults.Created($"/api/v1/submissions/{id}/items/{Uri.EscapeDataString(item.Path)}", ItemView.Of(item));
    }

    private static async Task<IResult> SealAsync(Guid id, SubmissionService service, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Accepted($"/api/v1/submissions/{id}", SubmissionView.Of(await service.RequestSealAsync(Caller(user), id, ct)));
}
