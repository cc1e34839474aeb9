using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Database;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Schedules <see cref="SealingJob"/> through the host's <see cref="IBackgroundJobClient"/> (never Hangfire's static
/// <c>BackgroundJob</c>: several hosts may share one process). Scheduling twice is harmless: the job is idempotent.
/// The full text of sealed PDFs is extracted after the seal by the full-text job's frequent backfill, never within it (a
/// Hangfire continuation here made hosts killed mid-seal run seals again at start-up: CrashSafetyTests).
/// The seal request commits <c>sealing</c> before it schedules: when the database goes away between the two, the job is
/// enqueued by a background retry as soon as the database is back (every <see cref="MaxRetryDelay"/> at most, for
/// <see cref="RetryFor"/>), so the accepted seal does not wait for <see cref="SealingRecoveryJob"/>, the last resort.
/// </summary>
/// <param name="jobs">The host's Hangfire client.</param>
/// <param name="logger">Where deferred enqueues are logged.</param>
public sealed class HangfireSealingScheduler(IBackgroundJobClient jobs, ILogger<HangfireSealingScheduler> logger) : ISealingScheduler
{
    /// <summary>The longest wait between two attempts to enqueue a deferred job.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>How long a deferred job is retried before the recovery job is left to schedule it.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public void ScheduleSealing(Guid submissionId)
    {
        try
        {
            Enqueue(submissionId);
        }
        catch (Exception e) when (DatabaseFailures.Transient(e) is not null)
        {
            SealingLog.EnqueueDeferred(logger, submissionId);
            _ = Task.Run(() => RetryAsync(submissionId))
                .ContinueWith(t => SealingLog.EnqueueAbandoned(logger, t.Exception, submissionId), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private void Enqueue(Guid submissionId) => jobs.Enqueue<SealingJob>(job => job.RunAsync(submissionId, CancellationToken.None));

    private async Task RetryAsync(Guid submissionId)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        var giveUp = DateTime.UtcNow + RetryFor;
        for (var attempt = 1; DateTime.UtcNow < giveUp; attempt++)
        {
            await Task.Delay(delay).ConfigureAwait(false);
            try
            {
                Enqueue(submissionId);
                SealingLog.EnqueuedLate(logger, submissionId, attempt);
                return;
            }
            catch (Exception e) when (DatabaseFailures.Transient(e) is not null)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }

        SealingLog.EnqueueAbandoned(logger, null, submissionId);
    }
}
