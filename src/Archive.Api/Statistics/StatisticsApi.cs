using System.Globalization;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archive.Api.Statistics;

/// <summary>
/// The annual 统计报表 (CONTRACT §9): <c>GET /api/v1/statistics?year=</c> and its PDF. Aggregate figures only — no
/// content, no personal data — so the centre's staff who answer for the archive (archivist, approver) and the
/// administrators who report on the system (admin, audit-admin) may read them; trading systems and audit agencies may
/// not (an agency would see the others' reading activity).
/// </summary>
public static class StatisticsApi
{
    /// <summary>The roles that may read the statistics.</summary>
    public static IReadOnlyList<string> Readers { get; } = [Roles.Archivist, Roles.Approver, Roles.Admin, Roles.AuditAdmin];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/statistics").WithTags("statistics").RequireAuthorization(p => p.RequireRole([.. Readers]));
        group.MapGet("/", GetAsync)
            .WithSummary("年度统计报表：归档项目数、版本数、条目数、字节数、录音录像时长、各单位查阅/复制次数、校验结果、逾期未归档项目数，按交易类别、地区、平台分列；?year= 缺省为本年（北京时间）。");
        group.MapGet("/report.pdf", PdfAsync).WithSummary("年度统计报表（PDF，中文）。");
        return app;
    }

    /// <summary>Parses the <c>year</c> query value; null when absent.</summary>
    /// <param name="year">The text.</param>
    /// <exception cref="StatisticsException">Not an integer (<c>statistics.year</c>).</exception>
    public static int? ParseYear(string? year) =>
        string.IsNullOrEmpty(year)
            ? null
            : int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                ? y
                : throw new StatisticsException(ErrorKind.Invalid, "statistics.year", "year 应为四位年份，如 2026。", "year");

    private static async Task<Ok<AnnualStatistics>> GetAsync(string? year, StatisticsService statistics, CancellationToken ct) =>
        TypedResults.Ok(await statistics.ForYearAsync(ParseYear(year), ct));

    private static async Task<FileContentHttpResult> PdfAsync(string? year, StatisticsService statistics, CancellationToken ct)
    {
        var figures = await statistics.ForYearAsync(ParseYear(year), ct);
        return TypedResults.File(StatisticsPdf.Render(figures), "application/pdf", $"统计报表-{figures.Year}.pdf");
    }
}
