using Archive.Integrity.Custody;
using Hangfire;

namespace Archive.Api.Verification;

/// <summary>Checks one registered object and repairs it from the other copy (asked for by a read that found it bad).</summary>
public sealed class RepairJob(CustodyRegistry registry, CopyRepairer repairer)
{
    /// <summary>Runs the check and repair; an object not registered, or verified meanwhile, is left alone.</summary>
    /// <param name="copy"><c>online</c> or <c>offline</c>.</param>
    /// <param name="key">The object's key in that copy.</param>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(string copy, string key, CancellationToken ct)
    {
        if (CopyNames.Parse(copy) is { } kind && await registry.FindAsync(kind, key, ct) is { } target)
        {
            await repairer.CheckAndRepairAsync(target, null, ct);
        }
    }
}
