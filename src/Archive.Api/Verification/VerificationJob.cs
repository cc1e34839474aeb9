using Archive.Integrity.Custody;
using Hangfire;
using NodaTime;

namespace Archive.Api.Verification;

/// <summary>
/// The Hangfire side of verification: a requested run, the per-copy scheduled runs (each takes the slice of objects
/// verified longest ago that keeps the copy's cycle, so a cycle completes without a burst), and resuming runs left
/// unfinished by a stopped process. Arguments are ids only; every method is reentrant.
/// </summary>
public sealed class VerificationJob(VerificationRunStore runs, VerificationWorker worker, CustodyOptions options, IBackgroundJobClient jobs, IClock clock)
{
    /// <summary>Recurring job id prefix of the scheduled runs (one per copy).</summary>
    public const string RecurringJobPrefix = "custody-verify-";

    /// <summary>Recurring job id of the resume sweep.</summary>
    public const string ResumeJobId = "custody-resume";

    /// <summary>How often a scheduled run takes its slice.</summary>
    public static readonly TimeSpan ScheduleInterval = TimeSpan.FromHours(1);

    /// <summary>Works on a run until it is complete (or nothing is left to claim in this process).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 10)]
    public Task RunAsync(Guid runId, CancellationToken ct) => worker.WorkAsync(runId, null, null, ct);

    /// <summary>A scheduled run of one copy: the hour's share of its cycle, oldest verification first.</summary>
    /// <param name="copy"><c>online</c> or <c>offline</c>.</param>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 3)]
    public async Task ScheduledAsync(string copy, CancellationToken ct)
    {
        var kind = CopyNames.Parse(copy) ?? throw new ArgumentException($"Unknown copy '{copy}'.", nameof(copy));
        var total = await runs.CountObjectsAsync(kind, ct);
        if (total == 0)
        {
            return;
        }

        var slice = (long)Math.Ceiling(total * (ScheduleInterval / options.CycleOf(kind)));
        var id = Guid.NewGuid();
        await runs.CreateAsync(id, "scheduled", [kind], null, clock.GetCurrentInstant(), ct);
        await worker.WorkAsync(id, Math.Max(1, slice), null, ct);
    }

    /// <summary>Re-enqueues every run left queued or running (a process stopped while working on it).</summary>
    /// <param name="ct">Hangfire's shutdown token.</param>
    public async Task ResumeAsync(CancellationToken ct)
    {
        foreach (var id in await runs.UnfinishedAsync(ct))
        {
            jobs.Enqueue<VerificationJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}
