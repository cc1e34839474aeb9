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
/// Recurring job (暂存清理): rejects open submissions untouched for longer than <see cref="IngestOptions.StagingMaxAge"/>
/// and removes their staged bytes, and removes staged bytes left behind by archived or rejected submissions.
/// It deletes only under <c>staging/&lt;submission id&gt;/</c>, never <c>objects/</c>, <c>manifests/</c> or bags, and
/// only for submissions that are old or finished, so it is safe while uploads run.
/// </summary>
public sealed class StagingCleanupJob(
    NpgsqlDataSource dataSource, IngestStores stores, IngestOptions options, IClock clock, ILogger<StagingCleanupJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringJobId = "ingest-staging-cleanup";

    private const int BatchSize = 500;

    /// <summary>Runs one cleanup pass.</summary>
    /// <param name="ct">Cancels the pass; the next run continues.</param>
    /// <returns>How many submissions were expired and how many had leftovers removed.</returns>
    /// <exception cref="NpgsqlException">The database failed; the next run tries again.</exception>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(600)]
    public async Task<StagingCleanupResult> RunAsync(CancellationToken ct)
    {
        var staging = new StagingStore(dataSource);
        var cutoff = clock.GetCurrentInstant() - Duration.FromTimeSpan(options.StagingMaxAge);
        var days = (int)Math.Round(options.StagingMaxAge.TotalDays);
        var problem = new ArchiveProblem("submission.expired", null,
            $"提交超过 {days} 天未上传新内容也未申请封存，已自动放弃，暂存内容已删除；如需归档请重新提交。");
        var expired = 0;
        foreach (var id in await staging.FindExpiredAsync(cutoff, BatchSize, ct))
        {
            if (await staging.ExpireAsync(id, cutoff, problem, ct) is { } keys)
            {
                var count = await StagingPurger.PurgeAsync(dataSource, stores.Online, id, keys, clock, ct);
                SealingLog.StagingExpired(logger, id, count);
                expired++;
            }
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
