using Archive.Core.Errors;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Manifests;
using Archive.Storage;
using NodaTime;

namespace Archive.Ingest.Sealing;

/// <summary>Steps 2 and 3: promote staged items, store the manifest.</summary>
public sealed partial class SealingJob
{
    private async Task PromoteAsync(SealingPlan plan, CancellationToken ct)
    {
        var online = stores.Online;
        var capabilities = await online.GetCapabilitiesAsync(ct);
        // Where the store keeps sealed objects write-once (object lock, immutability policy, read-only files), the
        // bytes are streamed into a retained put; a server-side copy cannot set a lock.
        // Bytes shared by items of different retention are locked for the longest of them.
        var locks = capabilities.WriteOnce
            ? plan.Manifest.Items.GroupBy(i => i.Sha256, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(i => LockUntil(plan, i.Retention)), StringComparer.Ordinal)
            : null;
        foreach (var item in plan.NewItems)
        {
            var retainUntil = locks?.GetValueOrDefault(item.Sha256);
            var key = ArchiveKeys.ContentObject(item.Sha256);
            if (await HoldsContentAsync(online, key, item, ct))
            {
                // Identical content is shared across items, versions and projects.
                continue;
            }

            var staged = await online.StatAsync(item.StagingKey, ct);
            if (staged is null || staged.Size != item.Size)
            {
                throw StagedBytesLost(plan, item, null);
            }

            if (retainUntil is not null)
            {
                // Stream the bytes once more, verified against the recorded SHA-256.
                await using var source = await online.GetAsync(item.StagingKey, null, ct);
                try
                {
                    await online.PutAsync(key, source, new PutOptions
                    {
                        ContentType = item.MediaType,
                        ExpectedSha256 = Convert.FromHexString(item.Sha256),
                        Length = item.Size,
                        RetainUntil = retainUntil,
                    }, ct);
                }
                catch (Exception e) when (e is DigestMismatchException or ContentLengthMismatchException)
                {
                    throw StagedBytesLost(plan, item, e);
                }
                catch (ObjectRetainedException)
                {
                    // A concurrent run of this seal (or another seal sharing these bytes) promoted them between our
                    // look and our write: the same content is done; anything else under the key is not ours to accept.
                    if (!await HoldsContentAsync(online, key, item, ct))
                    {
                        throw;
                    }
                }
            }
            else
            {
                await online.CopyAsync(item.StagingKey, key, ct);
                if ((await online.StatAsync(key, ct))?.Size != item.Size)
                {
                    throw new IOException($"The copy of {item.StagingKey} to {key} does not have {item.Size} bytes.");
                }
            }
        }
    }

    /// <summary>Until when promoted objects are locked: the version's retention, or <see cref="PermanentLockYears"/> for permanent; null when already past.</summary>
    internal DateTimeOffset? LockUntil(SealingPlan plan)
    {
        var until = plan.Manifest.Retention.Until is { } date
            ? RetentionDates.LockUntil(date)
            : plan.SealedAt.InUtc().LocalDateTime.PlusYears(PermanentLockYears).InUtc().ToInstant();
        return UnlessPast(until);
    }

    /// <summary>
    /// Until when an item's content is locked: the end of the item's own retention where it records one, so that an item
    /// whose retention ends before its version's can be disposed on its own (issue 11 §3); else the version's lock.
    /// </summary>
    internal DateTimeOffset? LockUntil(SealingPlan plan, ItemRetention? retention)
    {
        return retention?.Until is { } date ? UnlessPast(RetentionDates.LockUntil(date)) : LockUntil(plan);
    }

    private DateTimeOffset? UnlessPast(Instant until) => until > clock.GetCurrentInstant() ? until.ToDateTimeOffset() : null;

    private static async Task<bool> HoldsContentAsync(IObjectStore online, string key, SubmissionItem item, CancellationToken ct) =>
        HoldsContent(await online.StatAsync(key, ct), item.Size, item.Sha256);

    /// <summary>Whether a stored object (if any) is the content of this size and SHA-256, as far as the store says without a read.</summary>
    private static bool HoldsContent(ObjectInfo? existing, long size, string sha256) =>
        existing is not null && existing.Size == size && (existing.Sha256Hex is null || existing.Sha256Hex == sha256);

    private static SealingFailedException StagedBytesLost(SealingPlan plan, SubmissionItem item, Exception? inner) =>
        new(new ArchiveProblem("seal.staged-missing", item.Path, "暂存内容缺失或已损坏，无法封存；提交已退回，请重新提交该项目的全部材料。"),
            reject: plan.CheckpointSize is null, inner);

    private async Task WriteManifestAsync(SealingPlan plan, CancellationToken ct) =>
        await WriteSmallAsync(stores.Online, plan.ManifestKey, plan.ManifestBytes, "application/json", LockUntil(plan), ct);

    /// <summary>
    /// Writes a small file of the version, retained until <paramref name="retainUntil"/> where the store offers it, unless
    /// the store holds exactly these bytes already (read back and compared). Different bytes under the key are damage
    /// (the job writes the same bytes on every run): they are replaced, which is a repair even of a sealed object.
    /// </summary>
    internal static async Task WriteSmallAsync(IObjectStore target, string key, byte[] bytes, string contentType, DateTimeOffset? retainUntil, CancellationToken ct)
    {
        if (await HoldsExactlyAsync(target, key, bytes, ct))
        {
            return;
        }

        var damaged = await target.StatAsync(key, ct) is not null;
        using var content = new MemoryStream(bytes, writable: false);
        try
        {
            await target.PutAsync(key, content, new PutOptions
            {
                ContentType = contentType,
                ExpectedSha256 = System.Security.Cryptography.SHA256.HashData(bytes),
                Length = bytes.Length,
                RetainUntil = retainUntil,
                ReplaceRetained = damaged,
            }, ct);
        }
        catch (ObjectRetainedException) when (!damaged)
        {
            // A concurrent run of the same seal wrote the file between our look and our write: the same bytes are done.
            if (!await HoldsExactlyAsync(target, key, bytes, ct))
            {
                throw;
            }
        }
    }

    private static async Task<bool> HoldsExactlyAsync(IObjectStore target, string key, byte[] bytes, CancellationToken ct)
    {
        var info = await target.StatAsync(key, ct);
        if (info is null || info.Size != bytes.Length)
        {
            return false;
        }

        await using var stream = await target.GetAsync(key, null, ct);
        using var copy = new MemoryStream(bytes.Length);
        await stream.CopyToAsync(copy, ct);
        return copy.GetBuffer().AsSpan(0, (int)copy.Length).SequenceEqual(bytes);
    }
}
