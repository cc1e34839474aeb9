using Archive.Ingest.Reporting;
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
            .WithSummary("档案目录检索（仅元数据）：q 匹配项目编号前缀或名称子串；from/to 按首次接收日期（Asia/Shanghai 日历日，含两端）筛选；"
                + "party 当事人名称子串，creditCode 当事人统一社会信用代码（精确，校验），agency 代理机构名称子串，region 行政区划代码（2/4/6 位，含下级）；"
                + "text 已封存 PDF 的全文（仅档案管理员；少于 3 个字符时须另有其他条件），结果附命中条目与摘录；"
                + "sort=receivedAt|code|name|sealedAt|category|region，dir=asc|desc（默认按接收时间倒序、编号升序）；pageSize 最大 100。");
        app.MapGet("/api/v1/projects.csv", ExportAsync).WithTags("projects")
            .RequireAuthorization(Policies.Authenticated).RequireAuthorization(p => p.RequireRole(Roles.Archivist))
            .WithSummary("档案目录检索结果导出为 CSV（UTF-8 带 BOM，Excel 可直接打开中文；仅档案管理员）：参数同 GET /api/v1/projects（不分页），最多 10000 行，超出时 422 catalog.export-too-large。");
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

    private static async Task<Ok<CatalogPageView>> SearchAsync(
        string? q, string? category, string? from, string? to, string? page, string? pageSize, string? party, string? creditCode,
        string? agency, string? region, string? text, string? sort, string? dir, CatalogSearch search, ClaimsPrincipal user, CancellationToken ct)
    {
        var input = new CatalogSearchInput
        {
            Q = q, Category = category, From = from, To = to, Page = page, PageSize = pageSize, Party = party, CreditCode = creditCode,
            Agency = agency, Region = region, Text = text, Sort = sort, Dir = dir,
        };
        var result = await search.SearchAsync(user, input, ct);
        return TypedResults.Ok(new CatalogPageView(result.Items.Select(CatalogEntryView.Of).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<FileContentHttpResult> ExportAsync(
        string? q, string? category, string? from, string? to, string? party, string? creditCode, string? agency, string? region,
        string? text, string? sort, string? dir, CatalogSearch search, ClaimsPrincipal user, IClock clock, CancellationToken ct)
    {
        var input = new CatalogSearchInput
        {
            Q = q, Category = category, From = from, To = to, Party = party, CreditCode = creditCode, Agency = agency, Region = region,
            Text = text, Sort = sort, Dir = dir,
        };
        var result = await search.ExportAsync(user, input, ct);
        var day = clock.GetCurrentInstant().InZone(BeijingTime.Zone).Date;
        return TypedResults.File(CatalogCsv.Bytes(result.Items), "text/csv; charset=utf-8",
            string.Create(CultureInfo.InvariantCulture, $"档案目录_{day:yyyyMMdd}.csv"));
    }

    private static async Task<Results<Ok<ProjectSummaryView>, ProblemHttpResult>> SummaryAsync(
        string code, IContentAccess access, ProjectCatalog catalog, VerificationRunStore verifications, LegalHolds holds, ArchivalCodes archivalCodes, VersionAccessStatuses accessStatuses, DisposalStore disposals, ClaimsPrincipal user,
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
        var disposedItems = (await disposals.DisposedItemsAsync(summary.Project.Code, ct)).ToLookup(d => d.Version);
        view = view with
        {
            Versions = view.Versions.Select(v => v with
            {
                ArchivalCode = codes.GetValueOrDefault(v.Version),
                AccessStatus = statuses.TryGetValue(v.Version, out var a) ? new { openStatus = a.OpenStatus, classification = a.Classification, ledgerIndex = a.LedgerIndex } : null,
                DisposedItems = disposedItems[v.Version].Select(d => (object)new { path = d.Path, tombstoneLedgerIndex = d.TombstoneEntry }).ToList(),
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
}
