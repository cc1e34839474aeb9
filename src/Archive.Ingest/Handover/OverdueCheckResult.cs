namespace Archive.Ingest.Handover;

/// <summary>What one run of <see cref="OverdueMonitorJob"/> did.</summary>
/// <param name="Watched">Open submissions looked at (their missing items are tracked as outstanding).</param>
/// <param name="Overdue">Of those, projects past their archiving deadline with required items missing.</param>
/// <param name="Noticed">New <c>submission.overdue</c> entries (and reminders) appended by this run.</param>
public sealed record OverdueCheckResult(int Watched, int Overdue, int Noticed);
