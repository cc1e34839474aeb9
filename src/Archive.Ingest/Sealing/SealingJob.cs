using Archive.Ingest.Arrangement;
using Archive.Ingest.Hosting;
using Archive.Ingest.Policies;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Staging.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Custody;
using Archive.Integrity.Ledger;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Sealing;

/// <summary>
/// The Hangfire job that seals a submission (封存): version fixed → staged items promoted to content-addressed
/// objects → manifest → offline BagIt bag → <c>package.sealed</c> in the ledger with a covering checkpoint and the
/// bag's proof files → both copies confirmed → version recorded and submission <c>archived</c> in one transaction →
/// staging removed. Every step is idempotent and derives its bytes only from what the database fixed, so a retried,
/// concurrent or resumed (after SIGKILL) run finishes the same version once, with the same bytes.
/// </summary>
public sealed partial class SealingJob
{
    /// <summary>How often Hangfire retries a run that failed with a transient error.</summary>
    public const int RetryAttempts = 10;

    /// <summary>Years an object lock holds for permanent retention (S3 object lock has no "forever"; it can be extended later).</summary>
    public const int PermanentLockYears = 100;

    /// <summary>The ledger entry type that records a sealed version.</summary>
    public const string EntryType = "package.sealed";

    private readonly NpgsqlDataSource dataSource;
    private readonly IngestStores stores;
    private readonly ILedger ledger;
    private readonly PolicyCatalog policies;
    private readonly IClock clock;
    private readonly ILogger<SealingJob> logger;
    private readonly SealingStore store;
    private readonly CustodyOptions custody;
    private readonly ChunkDigestStore chunkStore;
    private readonly CustodyRegistry registry;
    private readonly ArchivalCodes archivalCodes;

    /// <summary>Creates the job (Hangfire activates it from dependency injection).</summary>
    public SealingJob(
        NpgsqlDataSource dataSource, IngestStores stores, ILedger ledger, PolicyCatalog policies, IClock clock, ILogger<SealingJob> logger, CustodyOptions? custody = null,
        ArchivalCodeOptions? archivalCodes = null)
    {
        this.archivalCodes = new ArchivalCodes(dataSource, archivalCodes ?? new ArchivalCodeOptions());
        this.dataSource = dataSource;
        this.stores = stores;
        this.ledger = ledger;
        this.policies = policies;
        this.clock = clock;
        this.logger = logger;
        store = new SealingStore(dataSource);
        this.custody = custody ?? new CustodyOptions();
        chunkStore = new ChunkDigestStore(dataSource);
        registry = new CustodyRegistry(dataSource);
    }

    /// <summary>Seals the submission, or finishes sealing it; does nothing when it is archived already or not sealing.</summary>
    /// <param name="submissionId">The submission (status <c>sealing</c>).</param>
    /// <param name="ct">Hangfire's shutdown token; a cancelled run resumes where it stopped.</param>
    /// <exception cref="NpgsqlException">The database failed; Hangfire retries the run.</exception>
    /// <exception cref="Archive.Storage.StorageException">A store failed; Hangfire retries the run.</exception>
    [AutomaticRetry(Attempts = RetryAttempts)]
    public Task RunAsync(Guid submissionId, CancellationToken ct) => RunThroughAsync(submissionId, SealingStep.Confirm, exclusive: true, ct);

    /// <summary>Runs the steps up to and including <paramref name="last"/>; tests stop there to simulate a crash.</summary>
    /// <param name="submissionId">The submission.</param>
    /// <param name="last">The last step to run.</param>
    /// <param name="exclusive">Whether to take the submission's sealing lock (tests turn it off to race two runs).</param>
    /// <param name="ct">Cancels the run.</param>
    internal async Task<SealingOutcome> RunThroughAsync(Guid submissionId, SealingStep last, bool exclusive, CancellationToken ct)
    {
        await using var sealingLock = exclusive ? await SealingLock.TryAcquireAsync(dataSource, submissionId, ct) : null;
        if (exclusive && sealingLock is null)
        {
            SealingLog.Busy(logger, submissionId);
            return SealingOutcome.Busy;
        }

        var submission = await store.FixVersionAsync(submissionId, clock.GetCurrentInstant(), ct);
        if (submission?.Status == SubmissionStatus.Archived)
        {
            return SealingOutcome.AlreadyArchived;
        }

        if (submission?.Status != SubmissionStatus.Sealing)
        {
            return SealingOutcome.NotSealing;
        }

        SealingPlan? plan = null;
        try
        {
            plan = await LoadPlanAsync(submissionId, ct);
            if (plan is null)
            {
                return await OutcomeAfterConcurrentChangeAsync(submissionId, ct);
            }

            return await RunStepsAsync(plan, last, ct);
        }
        catch (SealingFailedException e)
        {
            return await FailAsync(submissionId, plan, e, ct);
        }
    }

    private async Task<SealingOutcome> RunStepsAsync(SealingPlan plan, SealingStep last, CancellationToken ct)
    {
        SealingFaults.After(SealingStep.FixVersion);
        if (last == SealingStep.FixVersion)
        {
            return SealingOutcome.Stopped;
        }

        await PromoteAsync(plan, ct);
        SealingFaults.After(SealingStep.Promote);
        if (last == SealingStep.Promote)
        {
            return SealingOutcome.Stopped;
        }

        await WriteManifestAsync(plan, ct);
        SealingFaults.After(SealingStep.Manifest);
        if (last == SealingStep.Manifest)
        {
            return SealingOutcome.Stopped;
        }

        var payload = await WriteBagAsync(plan, ct);
        SealingFaults.After(SealingStep.Bag);
        if (last == SealingStep.Bag)
        {
            return SealingOutcome.Stopped;
        }

        var chunkDigests = await RecordChunkDigestsAsync(plan, ct);
        var (entry, tagFiles) = await SealInLedgerAsync(plan, payload, chunkDigests, ct);
        await RegisterCustodyAsync(plan, tagFiles, ct);
        SealingFaults.After(SealingStep.Ledger);
        if (last == SealingStep.Ledger)
        {
            return SealingOutcome.Stopped;
        }

        var outcome = await ConfirmAndArchiveAsync(plan, payload, tagFiles, entry.Index, ct);
        SealingFaults.After(SealingStep.Confirm);
        return outcome;
    }

    private async Task<SealingPlan?> LoadPlanAsync(Guid submissionId, CancellationToken ct)
    {
        if (await store.LoadAsync(submissionId, ct) is not { } inputs)
        {
            return null;
        }

        var plan = SealingPlanner.Build(inputs, policies);
        // The 档号, allocated once per version (a retried run gets the same), goes into bag-info.txt.
        var category = plan.Manifest.Project.Category;
        var code = await archivalCodes.AllocateAsync(plan.ProjectCode, plan.Version, category, RetentionDates.SealDate(plan.SealedAt).Year,
            ArchivalCodes.Tier(policies.Get(category), plan.Manifest.Items.Select(i => i.Role)), ct);
        return plan with { ArchivalCode = code };
    }

    private async Task<SealingOutcome> OutcomeAfterConcurrentChangeAsync(Guid submissionId, CancellationToken ct) =>
        (await new SubmissionStore(dataSource).FindAsync(submissionId, ct))?.Status == SubmissionStatus.Archived
            ? SealingOutcome.AlreadyArchived
            : SealingOutcome.NotSealing;

    private async Task<SealingOutcome> FailAsync(Guid submissionId, SealingPlan? plan, SealingFailedException e, CancellationToken ct)
    {
        if (!e.Reject)
        {
            SealingLog.NeedsOperator(logger, e, submissionId, e.Problem.Code, e.Problem.Field);
            await store.RecordProblemAsync(submissionId, e.Problem, ct);
            return SealingOutcome.NeedsOperator;
        }

        SealingLog.Rejected(logger, e, submissionId, e.Problem.Code, e.Problem.Field);
        await store.RejectAsync(submissionId, e.Problem, ct);
        if (plan is not null)
        {
            // Nothing of this attempt was sealed: its manifest and bag files would only mislead.
            await stores.Online.DeleteAsync(plan.ManifestKey, ct);
            await stores.Online.DeleteAsync(ChunkDigestsKey(plan), ct);
            foreach (var key in plan.Manifest.Items.Select(i => plan.PayloadKey(i.Path)).Concat(BagFiles.AllTagPaths.Select(p => plan.BagPrefix + p)))
            {
                await stores.Offline.DeleteAsync(key, ct);
            }
        }

        var items = plan?.NewItems ?? await new SubmissionStore(dataSource).ItemsAsync(submissionId, ct);
        await StagingPurger.PurgeAsync(dataSource, stores.Online, submissionId, items.Select(i => i.StagingKey), clock, ct);
        return SealingOutcome.Rejected;
    }
}
