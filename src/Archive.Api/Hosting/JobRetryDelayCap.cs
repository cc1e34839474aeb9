using Hangfire.States;

namespace Archive.Api.Hosting;

/// <summary>
/// Shortens the wait before a failed job's automatic retry to at most <paramref name="maxDelay"/>
/// (<c>ARCHIVE_JOB_RETRY_MAX_SECONDS</c>): Hangfire's own delays grow to hours, too long where an outage of a store or
/// of the database is known to be short. It runs after <c>AutomaticRetryAttribute</c> (registered with a higher order
/// on this host's server) and changes only the retry's time, never the number of attempts.
/// </summary>
/// <param name="maxDelay">The longest wait.</param>
public sealed class JobRetryDelayCap(TimeSpan maxDelay) : IElectStateFilter
{
    /// <inheritdoc />
    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is ScheduledState { Reason: { } reason } retry
            && reason.StartsWith("Retry attempt", StringComparison.Ordinal)
            && retry.EnqueueAt > DateTime.UtcNow + maxDelay)
        {
            context.CandidateState = new ScheduledState(maxDelay) { Reason = reason };
        }
    }
}
