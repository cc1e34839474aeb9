using Archive.Ingest.Submissions;
using Hangfire;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Schedules <see cref="SealingJob"/> through the host's <see cref="IBackgroundJobClient"/> (never Hangfire's static
/// <c>BackgroundJob</c>: several hosts may share one process). Scheduling twice is harmless: the job is idempotent.
/// The full text of sealed PDFs is extracted after the seal by the full-text job's frequent backfill, never within it (a
/// Hangfire continuation here made hosts killed mid-seal run seals again at start-up: CrashSafetyTests).
/// </summary>
/// <param name="jobs">The host's Hangfire client.</param>
public sealed class HangfireSealingScheduler(IBackgroundJobClient jobs) : ISealingScheduler
{
    /// <inheritdoc />
    public void ScheduleSealing(Guid submissionId) =>
        jobs.Enqueue<SealingJob>(job => job.RunAsync(submissionId, CancellationToken.None));
}
