using System.Globalization;
using System.Security.Claims;
using Archive.Api.Access;
using Archive.Api.Access.Delivery;
using Archive.Api.Auth;
using Archive.Api.Hosting;
using Archive.Api.Principals;
using Archive.Api.Problems;
using Archive.Api.Verification;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Policies;
using Archive.Ingest.Reading;
using Archive.Ingest.Retention;
using Archive.Integrity.Custody;
using Archive.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Projects;

/// <summary>
/// Endpoints under <c>/api/v1/projects</c> (CONTRACT §4): the catalogue search for archivists and auditors; the
/// summary and all content through <see cref="IContentAccess"/>, every content byte released through
/// <see cref="DeliveredContent"/> (ledger entry first). A project code travels as one URL-encoded path segment
/// (<c>%2F</c> for a <c>/</c> inside a code); it is only ever looked up, never used to build a storage key.
/// </summary>
public static partial class ProjectsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/projects").WithTags("projects").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", SearchAsync).RequireAuthorization(p => p.RequireRole(Roles.Archivist, Roles.Auditor))
            .WithSummary("档案目录检索（仅元数据）：q 匹配项目编号前缀或名称子串；from/to 按首次接收日期（Asia/Shanghai 日历日，含两端）筛选；按接收时间倒序、编号升序；pageSize 最大 100。");
        group.MapGet("/{code}", SummaryAsync)
            .WithSummary("项目档案概况：各版本（清单摘要、账本序号、条目数、字节数、保管期限）、在线/离线副本状态、最近一次校验、未完成的提交、未移交的必备材料及起始时间。");
        group.MapGet("/{code}/versions/{n:int}/manifest", ManifestAsync)
            .WithSummary("版本清单的原始字节（application/json），ETag 为 \"sha256:<hex>\"；先记账（access.read）再输出。")
            .RequireRateLimiting(ReadRateLimits.PolicyName);
        group.MapGet("/{code}/items/{**path}", ItemAsync)
            .WithSummary("条目内容（默认最新版本，?version=n 指定），自在线副本流式输出；支持单段 Range（多段时仅返回第一段），416 附 Content-Range: bytes */size；先记账再输出。")
            .RequireRateLimiting(ReadRateLimits.PolicyName);
        group.MapGet("/{code}/versions/{n:int}/bag", BagAsync)
            .WithSummary("版本的离线 BagIt 包，以 zip（存储方式，不压缩）流式输出，复制权限；先记账（access.copied）再输出。")
            .RequireRateLimiting(ReadRateLimits.PolicyName);
        return group;
    }

    private static async Task<Results<Ok<CatalogPageView>, ProblemHttpResult>> SearchAsync(
        string? q, string? category, string? from, string? to, string? page, string? pageSize,
        ProjectCatalog catalog, PolicyCatalog policies, CancellationToken ct)
    {
        if (q is { Length: > CatalogQuery.MaxTextLength })
        {
            return Problem(ApiProblem.BadRequest("catalog.query", $"检索词最长 {CatalogQuery.MaxTextLength} 个字符。", "q"));
        }

        if (!string.IsNullOrEmpty(category) && !policies.TryGet(category, out _))
        {
            return Problem(ApiProblem.BadRequest("catalog.category", $"未知的交易类别“{category}”，可用：{string.Join("、", TradingCategories.All)}。", "category"));
        }

        if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
        {
            return Problem(ApiProblem.BadRequest("catalog.date", "日期应为 yyyy-MM-dd 格式。", fromDate is null && from is not null ? "from" : "to"));
        }

        if (fromDate > toDate)
        {
            return Problem(ApiProblem.BadRequest("catalog.date-range", "起始日期不能晚于截止日期。", "from"));
        }

        if (!TryPositive(page, 1, out var pageNumber) || !TryPositive(pageSize, CatalogQuery.DefaultPageSize, out var size))
        {
            return Problem(ApiProblem.BadRequest("catalog.page", "page 与 pageSize 应为正整数。", pageNumber < 1 ? "page" : "pageSize"));
        }

        var result = await catalog.SearchAsync(
            new CatalogQuery(q, string.IsNullOrEmpty(category) ? null : category, fromDate, toDate, pageNumber, Math.Min(size, CatalogQuery.MaxPageSize)), ct);
        return TypedResults.Ok(new CatalogPageView(result.Items.Select(CatalogEntryView.Of).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ProjectSummaryView>, ProblemHttpResult>> SummaryAsync(
        string code, IContentAccess access, ProjectCatalog catalog, VerificationRunStore verifications, LegalHolds holds, ArchivalCodes archivalCodes, VersionAccessStatuses accessStatuses, ClaimsPrincipal user,
        [FromKeyedServices(StoreNames.Online)] IObjectStore online, [FromKeyedServices(StoreNames.Offline)] IObjectStore offline, CancellationToken ct)
    {
        code = CodeOf(code);
        var decision = await access.AuthorizeAsync(user, code, ContentScope.Read, ct);
        if (!decision.IsAllowed)
        {
            return Problem(decision.ToProblem());
        }

        if (await catalog.GetSummaryAsync(code, ct) is not { } summary)
        {
            return Problem(ProjectNotFound());
        }

        var view = ProjectSummaryView.Of(
            summary, LastVerificationView.Of(await verifications.LastVerificationAsync(summary.Project.Code, ct)), await CopyProtection.OfAsync(online, offline, ct));
        var codes = await archivalCodes.OfProjectAsync(summary.Project.Code, ct);
        var statuses = await accessStatuses.OfProjectAsync(summary.Project.Code, ct);
        view = view with
        {
            Versions = view.Versions.Select(v => v with
            {
                ArchivalCode = codes.GetValueOrDefault(v.Version),
                AccessStatus = statuses.TryGetValue(v.Version, out var a) ? new { openStatus = a.OpenStatus, classification = a.Classification, ledgerIndex = a.LedgerIndex } : null,
            }).ToList(),
        };
        // Holds name investigations: only the centre's own staff see them.
        return TypedResults.Ok(user.IsInRole(Roles.Archivist) || user.IsInRole(Roles.Approver)
            ? view with { Holds = (await holds.ListAsync(summary.Project.Code, ct)).Select(Retention.RetentionViews.Hold).ToList() }
            : view);
    }

    /// <summary>The code from its route value: the host decodes every escape but <c>%2F</c>, which a code may hold as <c>/</c>.</summary>
    private static string CodeOf(string routeValue) =>
        routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Normalize(System.Text.NormalizationForm.FormC);

    private static ProblemHttpResult Problem(IResult problem) => (ProblemHttpResult)problem;

    private static IResult ProjectNotFound() => ApiProblem.NotFound("project.not-found", "项目不存在。");

    private static bool TryDate(string? text, out LocalDate? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        date = parsed.Success ? parsed.Value : null;
        return parsed.Success;
    }

    private static bool TryPositive(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }
}
