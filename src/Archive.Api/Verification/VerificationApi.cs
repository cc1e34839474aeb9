using Archive.Api.Principals;
using Archive.Api.Problems;
using Archive.Ingest.Reporting;
using Archive.Integrity.Custody;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Verification;

/// <summary>
/// Endpoints under <c>/api/v1/verification/runs</c> (CONTRACT §8), for archivists and admins: start a run now, follow
/// it, list runs, and its 四性检测报告. A run is worked by Hangfire workers in any process of the deployment.
/// </summary>
public static class VerificationApi
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/verification/runs").WithTags("verification")
            .RequireAuthorization(p => p.RequireRole(Roles.Archivist, Roles.Admin));
        group.MapPost("/", StartAsync)
            .WithSummary("立即开始一次固定性校验（可指定项目编号与副本 online/offline，缺省为全部项目、两个副本）；返回 202 与任务编号。");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("校验任务的状态、已校验对象数与字节数、失败与修复情况及其账本序号。");
        group.MapGet("/", ListAsync).WithSummary("按创建日期（Asia/Shanghai 日历日 yyyy-MM-dd，含两端）列出校验任务，新者在前，最多 500 条。");
        group.MapGet("/{id:guid}/report.pdf", ReportPdf.GetAsync).WithSummary("校验任务的四性检测报告（PDF，中文）。");
        app.MapGet("/api/v1/projects/{code}/verification/report.pdf", ProjectReportPdf.GetAsync).WithTags("verification")
            .RequireAuthorization(p => p.RequireRole(Roles.Archivist, Roles.Admin))
            .WithSummary("项目的四性检测报告（PDF，中文）：各版本封存时检测结果、各副本最近一次校验结果、检测工具及版本、所用恶意代码签名库。");
        return group;
    }

    private static async Task<Accepted<VerificationStarted>> StartAsync(VerificationRunInput? input, VerificationStarter starter, CancellationToken ct)
    {
        var id = await starter.StartAsync(input?.Projects, input?.Copies, ct);
        return TypedResults.Accepted($"/api/v1/verification/runs/{id}", new VerificationStarted(id));
    }

    private static async Task<Results<Ok<VerificationRunView>, ProblemHttpResult>> GetAsync(Guid id, VerificationRunStore runs, CancellationToken ct) =>
        await runs.GetAsync(id, ct) is { } run
            ? TypedResults.Ok(VerificationRunView.Of(run))
            : Problem(ApiProblem.NotFound("verification.not-found", "校验任务不存在。"));

    private static async Task<Results<Ok<IReadOnlyList<VerificationRunView>>, ProblemHttpResult>> ListAsync(
        string? from, string? to, VerificationRunStore runs, CancellationToken ct)
    {
        var fromDate = from is { Length: > 0 } ? LocalDatePattern.Iso.Parse(from) : null;
        var toDate = to is { Length: > 0 } ? LocalDatePattern.Iso.Parse(to) : null;
        if (fromDate is { Success: false } || toDate is { Success: false })
        {
            return Problem(ApiProblem.BadRequest("verification.date", "日期应为 yyyy-MM-dd 格式。", fromDate is { Success: false } ? "from" : "to"));
        }

        var list = await runs.ListAsync(
            fromDate?.Value.AtStartOfDayInZone(Shanghai).ToInstant(), toDate?.Value.PlusDays(1).AtStartOfDayInZone(Shanghai).ToInstant(), ct);
        return TypedResults.Ok<IReadOnlyList<VerificationRunView>>(list.Select(VerificationRunView.Of).ToList());
    }

    private static ProblemHttpResult Problem(IResult problem) => (ProblemHttpResult)problem;
}
