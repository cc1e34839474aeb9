using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Storage;
using NodaTime;

namespace Archive.Integrity.Custody;

/// <summary>
/// Checks one registered object and repairs it from the other copy (修复): <c>copy.failed</c> first; then the other
/// copy is re-read and must verify against both sealed digests — a good copy is never overwritten from a bad one —
/// before its bytes are written over the bad object (as a new version where the store keeps versions), which is
/// re-verified and recorded as <c>copy.repaired</c>. With both copies bad: <c>copy.lost</c>.
/// </summary>
public sealed class CopyRepairer(CustodyStores stores, CustodyRegistry registry, ChunkDigestStore chunkStore, ObjectVerifier verifier, ILedger ledger, IClock clock)
{
    /// <summary>Ledger entry type of a failed object.</summary>
    public const string FailedEntry = "copy.failed";

    /// <summary>Ledger entry type of a repaired object.</summary>
    public const string RepairedEntry = "copy.repaired";

    /// <summary>Ledger entry type of an object neither copy holds.</summary>
    public const string LostEntry = "copy.lost";

    /// <summary>Checks the object and repairs it when it fails.</summary>
    /// <param name="target">The registered object to check.</param>
    /// <param name="runId">The verification run, or null for a repair asked by a read.</param>
    /// <param name="ct">Cancels the work; a cancelled repair leaves the object as it was, or repaired.</param>
    public async Task<RepairOutcome> CheckAndRepairAsync(CustodyObject target, Guid? runId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var check = await verifier.CheckAsync(stores.Of(target.Copy), target.Key, target.Size, target.Sha256, target.Sm3, ct);
        if (check.Verified)
        {
            if (check.Chunks is { } chunks && target.Sm3 is not null)
            {
                await chunkStore.SaveAsync(target.Sha256, chunks, ct);
            }

            await registry.SetStateAsync(target.Copy, target.Key, CustodyRegistry.Ok, clock.GetCurrentInstant(), ct);
            return new RepairOutcome(null, false, false, check.BytesRead, null);
        }

        var failed = await AppendAsync(FailedEntry, target, runId, Fields(target, runId, check), ct);
        await registry.SetStateAsync(target.Copy, target.Key, CustodyRegistry.Failed, clock.GetCurrentInstant(), ct);

        var sourceCopy = CopyNames.Other(target.Copy);
        var source = await verifier.CheckAsync(stores.Of(sourceCopy), target.CounterpartKey, target.Size, target.Sha256, target.Sm3, ct);
        if (!source.Verified)
        {
            var lostFields = Fields(target, runId, check);
            lostFields["otherCopy"] = CopyNames.Of(sourceCopy);
            lostFields["otherKey"] = target.CounterpartKey;
            lostFields["otherKind"] = source.Failure;
            var lost = await AppendAsync(LostEntry, target, runId, lostFields, ct);
            await registry.SetStateAsync(target.Copy, target.Key, CustodyRegistry.Lost, null, ct);
            await registry.SetStateAsync(sourceCopy, target.CounterpartKey, CustodyRegistry.Lost, null, ct);
            return new RepairOutcome(check.Failure, false, true, check.BytesRead, lost.Index);
        }

        var write = await WriteAsync(target, ct);
        var after = await verifier.CheckAsync(stores.Of(target.Copy), target.Key, target.Size, target.Sha256, target.Sm3, ct);
        if (!after.Verified)
        {
            throw new IOException($"The repaired object {target.Key} in the {CopyNames.Of(target.Copy)} copy does not verify ({after.Failure}).");
        }

        var fields = Fields(target, runId, check);
        fields["from"] = CopyNames.Of(sourceCopy);
        fields["fromKey"] = target.CounterpartKey;
        fields["write"] = write;
        fields["after"] = new JsonObject { ["size"] = after.Digests!.Size, ["sha256"] = after.Digests.Sha256Hex, ["sm3"] = after.Digests.Sm3Hex };
        fields["failedEntry"] = failed.Index;
        var repaired = await AppendAsync(RepairedEntry, target, runId, fields, ct);
        await registry.SetStateAsync(target.Copy, target.Key, CustodyRegistry.Repaired, clock.GetCurrentInstant(), ct);
        return new RepairOutcome(check.Failure, true, false, check.BytesRead, repaired.Index);
    }

    private async Task<string> WriteAsync(CustodyObject target, CancellationToken ct)
    {
        var store = stores.Of(target.Copy);
        var capabilities = await store.GetCapabilitiesAsync(ct);
        await using var bytes = await stores.Of(CopyNames.Other(target.Copy)).GetAsync(target.CounterpartKey, null, ct);
        // The expected SHA-256 makes the store refuse (and keep nothing of) bytes that changed since they were checked.
        // A repair may replace a sealed (write-once) object: on stores that keep versions it adds one.
        await store.PutAsync(target.Key, bytes, new PutOptions { ExpectedSha256 = Convert.FromHexString(target.Sha256), Length = target.Size, ReplaceRetained = true }, ct);
        return capabilities.Retention ? "new-version" : "replaced";
    }

    private Task<LedgerAppendResult> AppendAsync(string type, CustodyObject target, Guid? runId, JsonObject fields, CancellationToken ct) =>
        ledger.AppendAsync(type, fields, runId is { } run ? $"{type}:{run:N}:{CopyNames.Of(target.Copy)}:{target.Key}" : null, ct);

    private static JsonObject Fields(CustodyObject target, Guid? runId, ObjectCheck check) => new()
    {
        ["project"] = target.ProjectCode,
        ["version"] = target.Version,
        ["copy"] = CopyNames.Of(target.Copy),
        ["key"] = target.Key,
        ["path"] = target.Path,
        ["kind"] = check.Failure,
        ["run"] = runId?.ToString("D"),
        ["expected"] = new JsonObject { ["size"] = target.Size, ["sha256"] = target.Sha256, ["sm3"] = target.Sm3 },
        ["before"] = check.Digests is { } d
            ? new JsonObject { ["size"] = d.Size, ["sha256"] = d.Sha256Hex, ["sm3"] = d.Sm3Hex }
            : new JsonObject { ["size"] = check.BytesRead },
    };
}
