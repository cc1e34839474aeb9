using Archive.Integrity.Ledger.Audit;
using Hangfire;

namespace Archive.Api.Verification;

/// <summary>The recurring ledger self-audit: runs <see cref="LedgerAuditRun"/> (appends <c>ledger.audited</c>) and logs the outcome.</summary>
/// <param name="run">The audit run.</param>
/// <param name="logger">Where a failed audit is reported, critical when the database contradicts the witness.</param>
public sealed partial class LedgerAuditJob(LedgerAuditRun run, ILogger<LedgerAuditJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "ledger-audit";

    /// <summary>Audits the ledger once.</summary>
    /// <param name="ct">Hangfire's shutdown token.</param>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var (report, index) = await run.RunAsync(ct);
        if (report.Passed)
        {
            LogPassed(logger, report.Size, report.CheckpointsChecked, index);
        }
        else if (report.Critical)
        {
            LogCritical(logger, report.FirstBadIndex, report.Findings.Count, index);
        }
        else
        {
            LogFailed(logger, report.FirstBadIndex, report.Findings.Count, index);
        }
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Ledger audit passed: {Size} entries, {Checkpoints} checkpoints (entry {EntryIndex})")]
    private static partial void LogPassed(ILogger logger, long size, int checkpoints, long entryIndex);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Error, Message = "Ledger audit failed: first bad index {FirstBadIndex}, {Findings} findings (entry {EntryIndex})")]
    private static partial void LogFailed(ILogger logger, long? firstBadIndex, int findings, long entryIndex);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Critical, Message = "Ledger audit: the database contradicts the witnessed checkpoints; first bad index {FirstBadIndex}, {Findings} findings (entry {EntryIndex})")]
    private static partial void LogCritical(ILogger logger, long? firstBadIndex, int findings, long entryIndex);
}
