using System.Text.Json;
using Archive.Api.Principals;
using Archive.Api.Statistics;
using Archive.Core.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Statistics;

/// <summary>
/// 统计报表: the year's figures from <see cref="StatisticsService"/> (the service behind <c>GET /api/v1/statistics</c>)
/// as ECharts charts (served from the host) and printable tables, with the PDF one click away.
/// </summary>
[Authorize(Roles = $"{Roles.Archivist},{Roles.Approver},{Roles.Admin},{Roles.AuditAdmin}")]
public sealed class IndexModel(StatisticsService statistics) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The year asked for (default: this year).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The figures, unless refused.</summary>
    public AnnualStatistics? Figures { get; private set; }

    /// <summary>A refused year.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>The years offered, newest first.</summary>
    public IEnumerable<int> Years => Enumerable.Range(StatisticsService.FirstYear, statistics.CurrentYear - StatisticsService.FirstYear + 1).Reverse();

    /// <summary>The figures as JSON for the charts script (HTML-sensitive characters escaped by the default encoder).</summary>
    public string FiguresJson => JsonSerializer.Serialize(Figures, Json);

    /// <summary>The tables of rows: caption, key column header, rows.</summary>
    public IReadOnlyList<(string Caption, string KeyHeader, IReadOnlyList<StatisticsRow> Rows)> Tables => Figures is not { } f
        ? []
        : [("合计", "范围", [f.Totals]), ("按交易类别", "交易类别", f.ByCategory), ("按地区", "行政区划代码", f.ByRegion), ("按交易平台", "交易平台", f.ByPlatform)];

    /// <summary>Computes the figures.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Figures = await statistics.ForYearAsync(StatisticsApi.ParseYear(Year), ct);
        }
        catch (ArchiveException e)
        {
            Refusal = ConsoleRefusal.Of(e);
            Response.StatusCode = Archive.Api.Problems.ExceptionProblems.StatusOf(e.Kind);
        }
    }
}
