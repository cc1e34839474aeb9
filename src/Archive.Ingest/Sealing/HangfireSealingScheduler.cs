using Archive.Ingest.Submissions;
using Hangfire;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Schedules <see cref="SealingJob"/> through the host's <see cref="IBackgroundJobClient"/> (never Hangfire's static
/// <c>BackgroundJob</c>: several hosts may share one process). Scheduling twice is harmless: the job is idempotent.
/// </summary>
/// <param name="jobs">The host's Hangfire client.</param>
public sealed class HangfireSealingScheduler(IBackgroundJobClient jobs) : ISealingScheduler
{
    /// <inheritdoc />
    public void ScheduleSealing(Guid submissionId) =>
        jobs.Enqueue<SealingJob>(job => job.RunAsync(submissionId, CancellationToken.None));
}
