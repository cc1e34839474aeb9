using NodaTime;

namespace Archive.Api.Statistics;

/// <summary>
/// Overdue projects (未按期归档) for the 统计报表: the handover monitoring registers an implementation; without one the
/// statistics answer <c>overdue: null</c> with a note.
/// </summary>
public interface IOverdueStatistics
{
    /// <summary>The codes of the projects past their archiving deadline with items missing at some time in [from, to).</summary>
    /// <param name="from">Start (inclusive).</param>
    /// <param name="to">End (exclusive).</param>
    /// <param name="ct">Cancels the work.</param>
    Task<IReadOnlyCollection<string>> OverdueProjectsAsync(Instant from, Instant to, CancellationToken ct);
}
