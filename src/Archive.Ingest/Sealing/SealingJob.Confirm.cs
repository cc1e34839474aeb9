using Archive.Core.Errors;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Staging.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Bags;

namespace Archive.Ingest.Sealing;

/// <summary>Step 6: confirm both copies, then archive in one transaction, then remove staging.</summary>
public sealed partial class SealingJob
{
    private async Task<SealingOutcome> ConfirmAndArchiveAsync(
        SealingPlan plan, IReadOnlyList<BagPayloadFile> payload, IReadOnlyList<KeyValuePair<string, byte[]>> tagFiles, long ledgerIndex, CancellationToken ct)
    {
        foreach (var item in plan.Manifest.Items)
        {
            await ConfirmSizeAsync(stores.Online, ArchiveKeys.ContentObject(item.Sha256), item.Size, "seal.confirm-online", item.Path, ct);
        }

        await ConfirmBytesAsync(stores.Online, plan.ManifestKey, plan.ManifestBytes, "seal.confirm-online", ct);
        foreach (var file in payload)
        {
            await ConfirmSizeAsync(stores.Offline, plan.PayloadKey(file.Path), file.Size, "seal.confirm-offline", file.Path, ct);
        }

        foreach (var (path, bytes) in tagFiles)
        {
            await ConfirmBytesAsync(stores.Offline, plan.BagPrefix + path, bytes, "seal.confirm-offline", ct);
        }

        var archived = await store.ArchiveAsync(plan, ledgerIndex, clock.GetCurrentInstant(), ct);

        // After the commit: a crash here leaves staged bytes for the cleanup job, never a loss.
        await StagingPurger.PurgeAsync(dataSource, stores.Online, plan.Submission.Id, plan.NewItems.Select(i => i.StagingKey), clock, ct);
        if (!archived)
        {
            return await OutcomeAfterConcurrentChangeAsync(plan.Submission.Id, ct);
        }

        SealingLog.Archived(logger, plan.Submission.Id, plan.ProjectCode, plan.Version, plan.ManifestSha256, ledgerIndex);
        return SealingOutcome.Archived;
    }

    private static async Task ConfirmSizeAsync(Archive.Storage.IObjectStore target, string key, long size, string code, string path, CancellationToken ct)
    {
        if ((await target.StatAsync(key, ct))?.Size != size)
        {
            throw new SealingFailedException(
                new ArchiveProblem(code, path, $"写入后核对失败：{key} 缺失或大小不符（应为 {size} 字节）。"), reject: false);
        }
    }

    private static async Task ConfirmBytesAsync(Archive.Storage.IObjectStore target, string key, byte[] bytes, string code, CancellationToken ct)
    {
        if (!await HoldsExactlyAsync(target, key, bytes, ct))
        {
            throw new SealingFailedException(new ArchiveProblem(code, key, $"写入后核对失败：{key} 缺失或内容不符。"), reject: false);
        }
    }
}
