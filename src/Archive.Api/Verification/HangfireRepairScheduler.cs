using Archive.Integrity.Custody;
using Hangfire;

namespace Archive.Api.Verification;

/// <summary>Runs each asked-for repair as a Hangfire job (arguments: the copy's name and the key).</summary>
public sealed class HangfireRepairScheduler(IBackgroundJobClient jobs) : IRepairScheduler
{
    /// <inheritdoc />
    public void Schedule(CopyKind copy, string key) =>
        jobs.Enqueue<RepairJob>(job => job.RunAsync(CopyNames.Of(copy), key, CancellationToken.None));
}
