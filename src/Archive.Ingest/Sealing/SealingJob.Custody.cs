using System.Text.Json.Nodes;
using Archive.Ingest.Sealing.Internal;
using Archive.Integrity.Bags;
using Archive.Integrity.Custody;
using Archive.Integrity.Manifests;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Custody at seal (CONTRACT §8): per-chunk digests of every item, bound to the version through their document's
/// digest in <c>package.sealed</c> and stored in both copies; then every sealed object of both copies is registered
/// for scheduled verification, with the bag's tag files mirrored online so that each has a counterpart to repair from.
/// </summary>
public sealed partial class SealingJob
{
    /// <summary>The bag tag file holding the version's chunk digests (also stored online beside the manifest).</summary>
    public const string ChunkDigestsTagFile = "archive/chunk-digests.json";

    /// <summary>The format name of the chunk-digest document.</summary>
    public const string ChunkDigestsFormat = "archive-chunks/1";

    /// <summary>The online prefix mirroring each bag's tag files.</summary>
    public const string BagMirrorPrefix = "bags/";

    private async Task<KeyValuePair<string, byte[]>> RecordChunkDigestsAsync(SealingPlan plan, CancellationToken ct)
    {
        var verifier = new ObjectVerifier(custody, new ReadRateLimiter(0));
        var items = new JsonArray();
        foreach (var item in plan.Manifest.Items)
        {
            var chunks = await chunkStore.FindAsync(item.Sha256, ct);
            if (chunks is null)
            {
                var check = await verifier.CheckAsync(stores.Online, ArchiveKeys.ContentObject(item.Sha256), item.Size, item.Sha256, item.Sm3, ct);
                chunks = check is { Verified: true, Chunks: { } computed }
                    ? await chunkStore.SaveAsync(item.Sha256, computed, ct)
                    : throw OnlineCopyDamaged(item, null);
            }

            items.Add(ChunkDigestDocument.Item(item.Path, item.Size, item.Sha256, chunks));
        }

        var document = ChunkDigestDocument.Build(plan.ProjectCode, plan.Version, plan.ManifestSha256, items);
        await WriteSmallAsync(stores.Online, ChunkDigestsKey(plan), document, "application/json", LockUntil(plan), ct);
        await WriteSmallAsync(stores.Offline, plan.BagPrefix + ChunkDigestsTagFile, document, "application/json", LockUntil(plan), ct);
        return new(ChunkDigestsTagFile, document);
    }

    private static string ChunkDigestsKey(SealingPlan plan) => plan.ManifestKey[..^".json".Length] + ".chunks.json";

    private async Task RegisterCustodyAsync(SealingPlan plan, IReadOnlyList<KeyValuePair<string, byte[]>> tagFiles, CancellationToken ct)
    {
        var objects = new List<CustodyObject>();
        void Pair(string path, string onlineKey, string offlineKey, long size, string sha256, string? sm3)
        {
            objects.Add(new(CopyKind.Online, onlineKey, plan.ProjectCode, plan.Version, path, size, sha256, sm3, offlineKey));
            objects.Add(new(CopyKind.Offline, offlineKey, plan.ProjectCode, plan.Version, path, size, sha256, sm3, onlineKey));
        }

        foreach (ManifestItem item in plan.Manifest.Items)
        {
            Pair(item.Path, ArchiveKeys.ContentObject(item.Sha256), plan.PayloadKey(item.Path), item.Size, item.Sha256, item.Sm3);
        }

        foreach (var (path, bytes) in tagFiles)
        {
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var onlineKey = path switch
            {
                BagFiles.ManifestJson => plan.ManifestKey,
                ChunkDigestsTagFile => ChunkDigestsKey(plan),
                _ => BagMirrorPrefix + plan.BagPrefix + path,
            };
            if (onlineKey.StartsWith(BagMirrorPrefix, StringComparison.Ordinal))
            {
                await WriteSmallAsync(stores.Online, onlineKey, bytes, "application/octet-stream", LockUntil(plan), ct);
            }

            Pair(path == BagFiles.ManifestJson ? "manifest" : path, onlineKey, plan.BagPrefix + path, bytes.LongLength, sha256, null);
        }

        await registry.RegisterAsync(objects, clock.GetCurrentInstant(), ct);
    }
}
