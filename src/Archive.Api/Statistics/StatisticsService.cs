using Archive.Api.Access.Log;
using Archive.Core.Errors;
using Archive.Ingest.Reporting;
using Archive.Ingest.Statistics;
using Archive.Integrity.Custody;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Statistics;

/// <summary>
/// The annual 统计报表 (CONTRACT §9, issue 11 §6): combines what each project aggregates over its own tables — the
/// ingest catalogue (<see cref="ArchiveStatistics"/>), the access log (<see cref="AccessLogStore"/>), the verification
/// runs (<see cref="VerificationRunStore"/>) and, once registered, the handover monitoring (<see cref="IOverdueStatistics"/>)
/// — into rows by category, region and platform. The API, the PDF and the console page all call this one service.
/// </summary>
/// <param name="archive">Ingest figures.</param>
/// <param name="accessLog">Reads and copies.</param>
/// <param name="runs">Verification runs.</param>
/// <param name="overdue">The handover monitoring's figures, if registered.</param>
/// <param name="clock">The current year and the report's time.</param>
public sealed class StatisticsService(
    ArchiveStatistics archive, AccessLogStore accessLog, VerificationRunStore runs, IEnumerable<IOverdueStatistics> overdue, IClock clock)
{
    /// <summary>The calendar of the year.</summary>
    public static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>The earliest year asked about.</summary>
    public const int FirstYear = 2000;

    /// <summary>What <c>overdue</c> means while no monitoring is registered.</summary>
    public const string OverdueMissingNote = "逾期未归档项目数由归档期限监测（催交）提供，该功能尚未启用，暂不统计。";

    /// <summary>The current year in Asia/Shanghai.</summary>
    public int CurrentYear => clock.GetCurrentInstant().InZone(Shanghai).Year;

    /// <summary>The figures of <paramref name="year"/> (default: the current year).</summary>
    /// <param name="year">A calendar year from <see cref="FirstYear"/> to the current one.</param>
    /// <param name="ct">Cancels the queries.</param>
    /// <exception cref="StatisticsException">The year is out of range (<c>statistics.year</c>).</exception>
    public async Task<AnnualStatistics> ForYearAsync(int? year, CancellationToken ct)
    {
        var y = year ?? CurrentYear;
        if (y < FirstYear || y > CurrentYear)
        {
            throw new StatisticsException(ErrorKind.Invalid, "statistics.year", $"统计年度应为 {FirstYear}–{CurrentYear} 年之间的整数。", "year");
        }

        var first = new LocalDate(y, 1, 1);
        var from = first.AtStartOfDayInZone(Shanghai).ToInstant();
        var to = first.PlusYears(1).AtStartOfDayInZone(Shanghai).ToInstant();

        var archived = await archive.ArchivedAsync(from, to, ct);
        var releases = await accessLog.ReleaseCountsAsync(from, to, ct);
        var verification = await runs.FiguresAsync(from, to, ct);
        var monitor = overdue.FirstOrDefault();
        var overdueCodes = monitor is null ? [] : await monitor.OverdueProjectsAsync(from, to, ct);
        var attributes = await archive.AttributesAsync(
            [.. releases.Select(r => r.Project), .. verification.ByProject.Select(v => v.Project), .. overdueCodes], ct);

        var tallies = new Dictionary<(StatisticsDimension, string?), StatisticsTally>();
        StatisticsTally At(StatisticsDimension d, string? key)
        {
            if (!tallies.TryGetValue((d, key), out var t))
            {
                t = new StatisticsTally();
                tallies[(d, key)] = t;
            }

            return t;
        }

        IEnumerable<StatisticsTally> Rows(string project)
        {
            var a = attributes.GetValueOrDefault(project);
            yield return At(StatisticsDimension.Total, null);
            yield return At(StatisticsDimension.Category, a?.Category);
            yield return At(StatisticsDimension.Region, a?.Region);
            yield return At(StatisticsDimension.Platform, a?.Platform);
        }

        foreach (var figures in archived)
        {
            At(figures.Dimension, figures.Key).Archived = figures;
        }

        foreach (var release in releases)
        {
            foreach (var t in Rows(release.Project))
            {
                t.Reads += release.Reads;
                t.Copies += release.Copies;
            }
        }

        foreach (var project in verification.ByProject)
        {
            foreach (var t in Rows(project.Project))
            {
                t.Failures += project.Failures;
                t.Repaired += project.Repaired;
                t.Lost += project.Lost;
            }
        }

        foreach (var code in overdueCodes.Distinct(StringComparer.Ordinal))
        {
            foreach (var t in Rows(code))
            {
                t.Overdue++;
            }
        }

        var known = monitor is not null;
        List<StatisticsRow> Dimension(StatisticsDimension d, Func<string?, string> label) =>
            [.. tallies.Where(kv => kv.Key.Item1 == d).Select(kv => kv.Value.ToRow(kv.Key.Item2, label(kv.Key.Item2), known))];

        var agencies = releases.GroupBy(r => r.Organization)
            .Select(g => new AgencyFigures(g.Key, g.Sum(r => r.Reads), g.Sum(r => r.Copies), g.Select(r => r.Project).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(a => a.Reads + a.Copies).ThenBy(a => a.Organization, StringComparer.Ordinal).ToList();
        return new AnnualStatistics(
            y,
            LocalDatePattern.Iso.Format(first),
            LocalDatePattern.Iso.Format(first.PlusYears(1).PlusDays(-1)),
            Shanghai.Id,
            InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()),
            At(StatisticsDimension.Total, null).ToRow(null, "合计", known),
            new VerificationTotals(verification.Runs, verification.Completed, verification.Failed, verification.ObjectsChecked, verification.BytesChecked,
                verification.ByProject.Sum(p => p.Failures), verification.ByProject.Sum(p => p.Repaired), verification.ByProject.Sum(p => p.Lost)),
            [.. Dimension(StatisticsDimension.Category, StatisticsLabels.Category).OrderBy(r => StatisticsLabels.CategoryOrder(r.Key))],
            [.. Dimension(StatisticsDimension.Region, k => k ?? StatisticsLabels.Unspecified).OrderBy(r => r.Key ?? "\uffff", StringComparer.Ordinal)],
            [.. Dimension(StatisticsDimension.Platform, k => k ?? StatisticsLabels.Unspecified).OrderBy(r => r.Key ?? "\uffff", StringComparer.Ordinal)],
            agencies,
            known ? null : OverdueMissingNote);
    }
}
