using Archive.Api.Principals;
using Archive.Ingest.Handover;
using Archive.Ingest.Reading;
using Archive.Ingest.Reporting;
using Microsoft.Net.Http.Headers;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Handover;

/// <summary>
/// <c>GET /api/v1/reports/overdue?platform=&amp;region=</c> (CONTRACT §9): projects past their archiving deadline with
/// required items missing — JSON, or the Chinese PDF 未归档情况报告 for the supervising department (<c>Accept:
/// application/pdf</c>, or <c>/api/v1/reports/overdue.pdf</c>). Archivists and approvers (the centre's leadership signs
/// the report to the supervising department); the report names platforms and projects, not parties.
/// </summary>
public static class OverdueReportApi
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>Maps the endpoints.</summary>
    public static void MapOverdueReportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("reports")
            .RequireAuthorization(p => p.RequireRole(Roles.Archivist, Roles.Approver));
        group.MapGet("/overdue", GetAsync)
            .WithSummary("未归档情况报告：超过归档期限仍缺必须归档材料的项目（按平台、地区筛选），含各材料缺失时长与已发催交；Accept: application/pdf 时返回 PDF。");
        group.MapGet("/overdue.pdf", PdfAsync).WithSummary("未归档情况报告（PDF，中文），供报送行政监督部门。");
    }

    /// <summary>A missing item with how long it has been missing.</summary>
    public sealed record MissingView(string Role, string Message, string Since, int DaysMissing);

    /// <summary>A reminder sent.</summary>
    public sealed record SentReminderView(string SentAt, string DueDate, string Platform, long LedgerIndex);

    /// <summary>A recorded gap.</summary>
    public sealed record GapView(string Role, string Title, string Reason, string RecordedBy);

    /// <summary>One overdue project.</summary>
    public sealed record OverdueProjectView(
        string ProjectCode, string Name, string Category, string Platform, string? Region, string DueDate, int DaysOverdue, long LedgerIndex,
        IReadOnlyList<MissingView> Missing, IReadOnlyList<SentReminderView> Reminders, IReadOnlyList<GapView> Gaps);

    /// <summary>The report.</summary>
    public sealed record OverdueReportView(string GeneratedAt, string? Platform, string? Region, int ProjectCount, IReadOnlyList<OverdueProjectView> Projects);

    private static async Task<IResult> GetAsync(HttpContext context, string? platform, string? region, HandoverReports reports, IClock clock, CancellationToken ct)
    {
        var accept = context.Request.GetTypedHeaders().Accept;
        var wantsPdf = accept.Any(a => a.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return wantsPdf ? await PdfAsync(platform, region, reports, clock, ct) : TypedResults.Ok(await BuildAsync(platform, region, reports, clock, ct));
    }

    private static async Task<IResult> PdfAsync(string? platform, string? region, HandoverReports reports, IClock clock, CancellationToken ct) =>
        TypedResults.File(OverdueReportPdf.Render(await BuildAsync(platform, region, reports, clock, ct)), "application/pdf", "overdue-report.pdf");

    internal static async Task<OverdueReportView> BuildAsync(string? platform, string? region, HandoverReports reports, IClock clock, CancellationToken ct)
    {
        platform = string.IsNullOrWhiteSpace(platform) ? null : platform.Trim();
        region = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        var now = clock.GetCurrentInstant();
        var today = now.InZone(Shanghai).Date;
        var projects = (await reports.OverdueAsync(platform, region, ct)).Select(p => new OverdueProjectView(
            p.ProjectCode, p.Name, p.Category, p.Platform, p.Region, LocalDatePattern.Iso.Format(p.DueDate), Period.Between(p.DueDate, today, PeriodUnits.Days).Days,
            p.LedgerIndex,
            p.Missing.Select(m => Missing(m, now)).ToList(),
            p.Reminders.Select(r => new SentReminderView(InstantPattern.ExtendedIso.Format(r.SentAt), LocalDatePattern.Iso.Format(r.DueDate), r.Platform, r.LedgerIndex)).ToList(),
            p.Gaps.Select(g => new GapView(g.Role, g.Title, g.Reason, g.RecordedBy)).ToList())).ToList();
        return new OverdueReportView(InstantPattern.ExtendedIso.Format(now), platform, region, projects.Count, projects);
    }

    private static MissingView Missing(OutstandingItem m, Instant now) =>
        new(m.Role, m.Message, InstantPattern.ExtendedIso.Format(m.Since), (int)Math.Floor((now - m.Since).TotalDays));
}
