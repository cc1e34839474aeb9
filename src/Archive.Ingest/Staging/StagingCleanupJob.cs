using Archive.Core.Errors;
using Archive.Ingest.Hosting;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Staging.Internal;
using Archive.Ingest.Submissions;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Staging;

/// <summary>
/// Recurring job (暂存清理): removes staged bytes that a recorded decision released — of archived submissions (promoted
/// to content-addressed objects), of discarded ones (<c>submission.discarded</c>), and of abandoned seals an archivist
/// released. It never deletes handed-over bytes on its own: submissions idle for longer than
/// <see cref="IngestOptions.StagingMaxAge"/> are only counted and listed for archivists (<see cref="StagingDecisions"/>).
/// It deletes only under <c>staging/&lt;submission id&gt;/</c>, never <c>objects/</c>, <c>manifests/</c> or bags.
/// </summary>
public sealed class StagingCleanupJob(
    NpgsqlDataSource dataSource, IngestStores stores, IngestOptions options, IClock clock, ILogger<StagingCleanupJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "ingest-staging-cleanup";

    private const int BatchSize = 500;

    /// <summary>Runs one cleanup pass.</summary>
    /// <param name="ct">Cancels the pass; the next run continues.</param>
    /// <returns>How many submissions wait for an archivist's decision and how many had their staging removed.</returns>
    /// <exception cref="NpgsqlException">The database failed; the next run tries again.</exception>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(600)]
    public async Task<StagingCleanupResult> RunAsync(CancellationToken ct)
    {
        var staging = new StagingStore(dataSource);
        var cutoff = clock.GetCurrentInstant() - Duration.FromTimeSpan(options.StagingMaxAge);
        var expired = await staging.CountAwaitingDecisionAsync(cutoff, ct);
        if (expired > 0)
        {
            SealingLog.StagingAwaitingDecision(logger, expired);
        }

        var cleared = 0;
        foreach (var id in await staging.FindUnclearedAsync(BatchSize, ct))
        {
            var (status, keys) = await staging.StagingKeysAsync(id, ct);
            var count = await StagingPurger.PurgeAsync(dataSource, stores.Online, id, keys, clock, ct);
            SealingLog.StagingRemoved(logger, count, status, id);
            cleared++;
        }

        return new StagingCleanupResult(expired, cleared);
    }
}
