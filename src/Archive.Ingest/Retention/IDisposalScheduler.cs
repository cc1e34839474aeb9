namespace Archive.Ingest.Retention;

/// <summary>Runs a decided disposal in the background (a Hangfire job in the host; arguments: the id only).</summary>
public interface IDisposalScheduler
{
    /// <summary>Schedules <see cref="DisposalJob.ExecuteAsync"/> for the disposal.</summary>
    /// <param name="disposalId">The disposal.</param>
    void Schedule(Guid disposalId);
}
