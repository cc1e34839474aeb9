using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Submissions;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Recurring job: re-schedules submissions left in <c>sealing</c> whose last sealing run started more than
/// <see cref="StuckAfter"/> ago (a crash between the seal request's commit and the enqueue, or a dead worker).
/// Submissions with a recorded problem wait for an operator and are left alone. A run still in progress is not
/// disturbed: the new job finds the submission's lock held and ends.
/// </summary>
public sealed class SealingRecoveryJob(NpgsqlDataSource dataSource, ISealingScheduler scheduler, IClock clock, ILogger<SealingRecoveryJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "ingest-sealing-recovery";

    /// <summary>How long a submission may sit in <c>sealing</c> without a run starting before it is re-scheduled.</summary>
    public static readonly Duration StuckAfter = Duration.FromMinutes(5);

    private const int BatchSize = 1000;

    /// <summary>Re-schedules every stuck submission; returns how many.</summary>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="NpgsqlException">The database failed; the next run tries again.</exception>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var stuck = await new SealingStore(dataSource).FindStuckAsync(clock.GetCurrentInstant() - StuckAfter, BatchSize, ct);
        foreach (var id in stuck)
        {
            SealingLog.Rescheduling(logger, id);
            scheduler.ScheduleSealing(id);
        }

        return stuck.Count;
    }
}
