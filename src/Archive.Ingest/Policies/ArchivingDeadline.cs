using Archive.Ingest.Metadata;
using NodaTime;

namespace Archive.Ingest.Policies;

/// <summary>
/// The archiving deadline (归档期限) of a category: how many days after a project milestone its records must have been
/// handed over. Past it, a project with required items missing is overdue (逾期未归档, seed §5.6.6).
/// </summary>
/// <param name="Days">Days after the start event (1–3650).</param>
/// <param name="StartsAt">The milestone the days count from: <c>completion</c> or <c>award</c> (see <see cref="DeadlineEvents"/>).</param>
/// <param name="Basis">The legal or normative basis, in Chinese.</param>
/// <param name="Status">How firmly the figure is established; the provincial rule is not yet confirmed (<c>unverified</c>).</param>
public sealed record ArchivingDeadline(int Days, string StartsAt, string Basis, BasisStatus Status)
{
    /// <summary>
    /// The last day on which the records are on time: the start milestone's date plus <see cref="Days"/>. When that
    /// milestone is absent the other one counts (award ↔ completion); when both are absent, the day the first
    /// submission was opened (Asia/Shanghai), so a project is watched from its first submission in any case.
    /// </summary>
    /// <param name="dates">The project's milestone dates.</param>
    /// <param name="firstSubmitted">The calendar day its first submission was opened.</param>
    public LocalDate DueDate(ProjectDates dates, LocalDate firstSubmitted)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var start = StartsAt == DeadlineEvents.Award
            ? dates.Award ?? dates.Completion
            : dates.Completion ?? dates.Award;
        return (start ?? firstSubmitted).PlusDays(Days);
    }
}
