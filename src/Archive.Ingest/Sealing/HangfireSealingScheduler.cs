using Archive.Ingest.FullText;
using Archive.Ingest.Submissions;
using Hangfire;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Schedules <see cref="SealingJob"/> through the host's <see cref="IBackgroundJobClient"/> (never Hangfire's static
/// <c>BackgroundJob</c>: several hosts may share one process). Scheduling twice is harmless: the job is idempotent.
/// Each sealing job is followed by a <see cref="FullTextJob"/> continuation, so the full text is extracted after the
/// seal, never within it.
/// </summary>
/// <param name="jobs">The host's Hangfire client.</param>
public sealed class HangfireSealingScheduler(IBackgroundJobClient jobs) : ISealingScheduler
{
    /// <inheritdoc />
    public void ScheduleSealing(Guid submissionId)
    {
        var sealing = jobs.Enqueue<SealingJob>(job => job.RunAsync(submissionId, CancellationToken.None));
        jobs.ContinueJobWith<FullTextJob>(sealing, job => job.RunForSubmissionAsync(submissionId, CancellationToken.None));
    }
}
