using Archive.Integrity.Ledger;
using Archive.Storage;
using NodaTime;

namespace Archive.Integrity.Custody;

/// <summary>
/// Works on a verification run until nothing is left to claim: claims a batch, checks and repairs each object, records
/// it; the process that records the last object completes the run. Any number of workers, in any number of
/// processes, may work on the same run; one that dies leaves its claims to lapse and be taken over.
/// </summary>
public sealed class VerificationWorker(
    VerificationRunStore runs, CopyRepairer repairer, IVersionEnrolment enrolment, ILedger ledger, CustodyOptions options, IClock clock)
{
    /// <summary>Fixes the run's work list if needed, works until no object is left to claim, then tries to complete it.</summary>
    /// <param name="id">The run.</param>
    /// <param name="limitPerCopy">For a run not yet planned: the most objects per copy (null for all).</param>
    /// <param name="progress">Called after each object with the run's id; may be null.</param>
    /// <param name="ct">Cancels the work; claims lapse and another worker (or a retry) continues.</param>
    /// <returns>Whether this call completed the run.</returns>
    public async Task<bool> WorkAsync(Guid id, long? limitPerCopy, Action<CustodyObject, RepairOutcome>? progress, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is { Status: VerificationRunStatus.Queued } queued)
        {
            // Versions sealed before custody existed enter the registry before the work list is fixed.
            await enrolment.EnrolAsync(queued.Projects, ct);
        }

        await runs.PlanAsync(id, limitPerCopy, clock.GetCurrentInstant(), ct);
        var lease = Duration.FromTimeSpan(options.ClaimLease);
        while (true)
        {
            var batch = await runs.ClaimAsync(id, options.ClaimBatch, lease, clock.GetCurrentInstant(), ct);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var target in batch)
            {
                RepairOutcome outcome;
                try
                {
                    outcome = await repairer.CheckAndRepairAsync(target, id, ct);
                }
                catch (Exception e) when (e is IOException or StorageException)
                {
                    // The repair was written but did not verify: recorded as a failure not repaired.
                    outcome = new RepairOutcome(FailureKind.Mismatch, false, false, 0, null);
                }

                await runs.CompleteObjectAsync(id, target, outcome, ct);
                progress?.Invoke(target, outcome);
            }
        }

        return await runs.TryCompleteAsync(id, ledger, clock.GetCurrentInstant(), ct);
    }
}
