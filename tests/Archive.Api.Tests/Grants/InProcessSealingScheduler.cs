using Archive.Ingest.Sealing;
using Archive.Ingest.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Grants;

/// <summary>
/// Runs the host's own <see cref="SealingJob"/> at once, in process. The access tests need archived projects, not
/// Hangfire: with several test hosts in one process, Hangfire's global <c>JobStorage.Current</c> can hand a host
/// another host's storage, and a seal then waits for a job that ran against the wrong database.
/// </summary>
public sealed class InProcessSealingScheduler(IServiceProvider services) : ISealingScheduler
{
    /// <summary>The last failure of a sealing run, for the test's timeout message.</summary>
    public Exception? LastFailure { get; private set; }

    public void ScheduleSealing(Guid submissionId) => _ = Task.Run(async () =>
    {
        try
        {
            await services.GetRequiredService<SealingJob>().RunAsync(submissionId, CancellationToken.None);
        }
        catch (Exception e)
        {
            LastFailure = e;
        }
    });
}
