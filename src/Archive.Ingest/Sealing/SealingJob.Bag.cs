using System.Security.Cryptography;
using Archive.Core.Errors;
using Archive.Core.Streams;
using Archive.Ingest.Sealing.Internal;
using Archive.Ingest.Submissions;
using Archive.Integrity.Bags;
using Archive.Integrity.Custody;
using Archive.Integrity.Manifests;
using Archive.Storage;

namespace Archive.Ingest.Sealing;

/// <summary>Step 4: the offline bag's payload, streamed from the online objects, and its first tag files.</summary>
public sealed partial class SealingJob
{
    private async Task<IReadOnlyList<BagPayloadFile>> WriteBagAsync(SealingPlan plan, CancellationToken ct)
    {
        var payload = new List<BagPayloadFile>(plan.Manifest.Items.Count);
        foreach (var item in plan.Manifest.Items)
        {
            var key = plan.PayloadKey(item.Path);
            var existing = await stores.Offline.StatAsync(key, ct);
            string? sha512 = null;
            if (HoldsContent(existing, item.Size, item.Sha256))
            {
                // Written by an earlier run: its SHA-256 was verified on the way in; SHA-512 was recorded then.
                sha512 = await store.FindSha512Async(item.Sha256, item.Size, ct) ?? await HashBagFileAsync(key, item, ct);
            }

            // Bytes under the key that are not the item's are damage: rewriting them is a repair, even of a sealed file.
            try
            {
                sha512 ??= await CopyToBagAsync(item, key, LockUntil(plan, item.Retention), replace: existing is not null, ct);
            }
            catch (ObjectRetainedException) when (existing is null)
            {
                // A concurrent run of this seal wrote the file between our look and our write: accepted once its bytes
                // prove to be the item's (read back whole), refused otherwise.
                sha512 = await HashBagFileAsync(key, item, ct);
                if (sha512 is null)
                {
                    throw;
                }
            }

            payload.Add(new BagPayloadFile(item.Path, item.Size, item.Sha256, sha512));
        }

        foreach (var (path, bytes) in BagFiles.Base(plan, payload))
        {
            await WriteSmallAsync(stores.Offline, plan.BagPrefix + path, bytes, "text/plain; charset=utf-8", LockUntil(plan), ct);
        }

        return payload;
    }

    /// <summary>
    /// Streams one online object into the bag (retained until <paramref name="retainUntil"/> where the store offers it),
    /// computing SHA-512 and the custody chunk digests in the same pass; the store checks SHA-256, and the chunk digests
    /// are recorded only once the whole copy proved to be the item's bytes (step 5 then needs no read of its own).
    /// </summary>
    private async Task<string> CopyToBagAsync(ManifestItem item, string key, DateTimeOffset? retainUntil, bool replace, CancellationToken ct)
    {
        var source = ArchiveKeys.ContentObject(item.Sha256);
        Stream stream;
        try
        {
            stream = await stores.Online.GetAsync(source, null, ct);
        }
        catch (ObjectNotFoundException e)
        {
            throw OnlineCopyDamaged(item, e);
        }

        await using var chunking = new ChunkDigestReadStream(stream, custody.ChunkSize);
        await using var hashing = new HashingReadStream(chunking, HashAlgorithmName.SHA512, leaveOpen: true);
        StoredObject stored;
        try
        {
            stored = await stores.Offline.PutAsync(key, hashing, new PutOptions
            {
                ContentType = item.MediaType,
                ExpectedSha256 = Convert.FromHexString(item.Sha256),
                Length = item.Size,
                RetainUntil = retainUntil,
                ReplaceRetained = replace,
            }, ct);
        }
        catch (Exception e) when (e is DigestMismatchException or ContentLengthMismatchException)
        {
            throw OnlineCopyDamaged(item, e);
        }

        if (stored.Digests.Sha256Hex != item.Sha256 || stored.Digests.Sm3Hex != item.Sm3 || stored.Size != item.Size)
        {
            await stores.Offline.DeleteAsync(key, ct);
            throw OnlineCopyDamaged(item, null);
        }

        var sha512 = hashing.HashHex();
        await store.SaveSha512Async(item.Sha256, item.Size, sha512, ct);
        if (chunking.Complete() is { } chunks && chunks.Size == item.Size)
        {
            await chunkStore.SaveAsync(item.Sha256, chunks, ct);
        }

        return sha512;
    }

    /// <summary>SHA-512 of a bag file written before without a recorded digest; null (rewrite it) if its SHA-256 is wrong.</summary>
    private async Task<string?> HashBagFileAsync(string key, ManifestItem item, CancellationToken ct)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = new HashingReadStream(await stores.Offline.GetAsync(key, null, ct), HashAlgorithmName.SHA512);
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
        }

        if (Convert.ToHexStringLower(sha256.GetHashAndReset()) != item.Sha256)
        {
            return null;
        }

        var sha512 = stream.HashHex();
        await store.SaveSha512Async(item.Sha256, item.Size, sha512, ct);
        return sha512;
    }

    private static SealingFailedException OnlineCopyDamaged(ManifestItem item, Exception? inner) =>
        new(new ArchiveProblem("seal.online-copy-damaged", item.Path,
            $"在线副本中的对象（SHA-256 {item.Sha256}）缺失或内容不符，离线包无法写入；须由档案管理员修复在线副本后重新封存。"),
            reject: false, inner);
}
