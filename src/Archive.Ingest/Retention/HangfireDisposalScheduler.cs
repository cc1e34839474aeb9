using Hangfire;

namespace Archive.Ingest.Retention;

/// <summary>Schedules decided disposals as Hangfire jobs (argument: the disposal id).</summary>
public sealed class HangfireDisposalScheduler(IBackgroundJobClient jobs) : IDisposalScheduler
{
    /// <inheritdoc/>
    public void Schedule(Guid disposalId) => jobs.Enqueue<DisposalJob>(job => job.ExecuteAsync(disposalId, CancellationToken.None));
}
