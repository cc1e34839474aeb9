namespace Archive.Api.Statistics;

/// <summary>The annual 统计报表 (<c>GET /api/v1/statistics?year=</c>).</summary>
/// <param name="Year">The calendar year (Asia/Shanghai).</param>
/// <param name="From">Its first day, <c>yyyy-MM-dd</c>.</param>
/// <param name="To">Its last day, <c>yyyy-MM-dd</c> (inclusive).</param>
/// <param name="TimeZone">The calendar's time zone.</param>
/// <param name="GeneratedAt">When the figures were computed (ISO-8601).</param>
/// <param name="Totals">The whole archive.</param>
/// <param name="Verification">The year's verification runs.</param>
/// <param name="ByCategory">By trading category.</param>
/// <param name="ByRegion">By region code.</param>
/// <param name="ByPlatform">By trading platform.</param>
/// <param name="ByAgency">Reads and copies by organisation.</param>
/// <param name="OverdueNote">Why <c>overdue</c> is null, when it is.</param>
public sealed record AnnualStatistics(
    int Year,
    string From,
    string To,
    string TimeZone,
    string GeneratedAt,
    StatisticsRow Totals,
    VerificationTotals Verification,
    IReadOnlyList<StatisticsRow> ByCategory,
    IReadOnlyList<StatisticsRow> ByRegion,
    IReadOnlyList<StatisticsRow> ByPlatform,
    IReadOnlyList<AgencyFigures> ByAgency,
    string? OverdueNote);
