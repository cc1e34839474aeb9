using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Archive.Ingest.Hosting;
using Archive.Ingest.Reading;
using Archive.Ingest.Sealing.Internal;
using Archive.Integrity.Bags;
using Archive.Integrity.Custody;
using Archive.Integrity.Ledger;
using Archive.Integrity.Manifests;
using Archive.Storage;
using NodaTime;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Brings versions sealed before custody existed under custody (补登记) on their first verification: each item's chunk
/// digests are computed from a copy that verifies against both sealed digests, written as one chunk-digest document
/// to both copies (online beside the manifest, offline beside — not inside — the sealed bag, which stays as sealed),
/// and bound to the version by a <c>custody.chunks-recorded</c> ledger entry carrying the document's SHA-256. Then
/// the items, the manifest, the document and the bag's tag files are registered for verification.
/// </summary>
public sealed class CustodyBackfill(
    ProjectCatalog catalog, IngestStores stores, CustodyRegistry registry, ChunkDigestStore chunkStore, CustodyOptions options, ILedger ledger, IClock clock)
    : IVersionEnrolment
{
    /// <summary>Ledger entry type binding a version's late-recorded chunk digests.</summary>
    public const string EntryType = "custody.chunks-recorded";

    /// <inheritdoc />
    public async Task EnrolAsync(IReadOnlyCollection<string>? projects, CancellationToken ct)
    {
        var registered = await registry.RegisteredVersionsAsync(projects, ct);
        foreach (var version in await catalog.SealedVersionsAsync(projects, ct))
        {
            if (!registered.Contains((version.ProjectCode, version.Version)))
            {
                await EnrolAsync(version, ct);
            }
        }
    }

    /// <summary>The offline key of a late-recorded chunk-digest document: beside the bag folder <c>…/v&lt;n&gt;/</c>.</summary>
    /// <param name="bagPrefix">The bag's key prefix.</param>
    public static string OfflineChunkDigestsKey(string bagPrefix) => bagPrefix.TrimEnd('/') + ".chunks.json";

    private async Task EnrolAsync(SealedVersion version, CancellationToken ct)
    {
        var manifestBytes = await catalog.ManifestBytesAsync(version, ct);
        var manifest = Manifest.Parse(manifestBytes);
        var manifestKey = ArchiveKeys.Manifest(version.StorageSegment, version.Version);
        var bagPrefix = ArchiveKeys.BagPrefix(version.StorageSegment, version.Version);
        var objects = new List<CustodyObject>();
        void Pair(string path, string onlineKey, string offlineKey, long size, string sha256, string? sm3)
        {
            objects.Add(new(CopyKind.Online, onlineKey, version.ProjectCode, version.Version, path, size, sha256, sm3, offlineKey));
            objects.Add(new(CopyKind.Offline, offlineKey, version.ProjectCode, version.Version, path, size, sha256, sm3, onlineKey));
        }

        var verifier = new ObjectVerifier(options, new ReadRateLimiter(0));
        var items = new JsonArray();
        var everyItem = true;
        foreach (var item in manifest.Items)
        {
            var onlineKey = ArchiveKeys.ContentObject(item.Sha256);
            var offlineKey = bagPrefix + BagTagFiles.PayloadPrefix + item.Path;
            Pair(item.Path, onlineKey, offlineKey, item.Size, item.Sha256, item.Sm3);
            var chunks = await chunkStore.FindAsync(item.Sha256, ct);
            foreach (var (store, key) in new[] { (stores.Online, onlineKey), (stores.Offline, offlineKey) })
            {
                if (chunks is null && await verifier.CheckAsync(store, key, item.Size, item.Sha256, item.Sm3, ct) is { Verified: true, Chunks: { } computed })
                {
                    chunks = await chunkStore.SaveAsync(item.Sha256, computed, ct);
                }
            }

            // With no verified copy the item is left to the run, which reports it lost; its chunks are recorded on repair.
            everyItem &= chunks is not null;
            if (chunks is not null)
            {
                items.Add(ChunkDigestDocument.Item(item.Path, item.Size, item.Sha256, chunks));
            }
        }

        Pair("manifest", manifestKey, bagPrefix + BagFiles.ManifestJson, manifestBytes.LongLength, version.ManifestSha256, null);
        await PairTagFilesAsync(version, bagPrefix, Pair, ct);
        if (everyItem)
        {
            var document = ChunkDigestDocument.Build(version.ProjectCode, version.Version, version.ManifestSha256, items);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(document));
            var onlineKey = manifestKey[..^".json".Length] + ".chunks.json";
            var offlineKey = OfflineChunkDigestsKey(bagPrefix);
            await SealingJob.WriteSmallAsync(stores.Online, onlineKey, document, "application/json", retainUntil: null, ct);
            await SealingJob.WriteSmallAsync(stores.Offline, offlineKey, document, "application/json", retainUntil: null, ct);
            await ledger.AppendAsync(EntryType, new JsonObject
            {
                ["project"] = version.ProjectCode,
                ["version"] = version.Version,
                ["manifestSha256"] = version.ManifestSha256,
                ["chunkDigestsSha256"] = sha256,
                ["chunkSize"] = options.ChunkSize,
                ["items"] = items.Count,
                ["onlineKey"] = onlineKey,
                ["offlineKey"] = offlineKey,
            }, $"{EntryType}:{version.ProjectCode}:{version.Version}", ct);
            Pair("chunk-digests.json", onlineKey, offlineKey, document.LongLength, sha256, null);
        }

        await registry.RegisterAsync(objects, clock.GetCurrentInstant(), ct);
    }

    /// <summary>
    /// Pairs each tag file the bag's tag manifest lists, when its offline bytes match the listed digest, with an online
    /// mirror (as at seal); the tag manifest itself only when it lists the sealed manifest's digest.
    /// </summary>
    private async Task PairTagFilesAsync(SealedVersion version, string bagPrefix, Action<string, string, string, long, string, string?> pair, CancellationToken ct)
    {
        byte[] tagManifest;
        try
        {
            tagManifest = await ReadSmallAsync(stores.Offline, bagPrefix + BagTagFiles.TagManifestSha256, ct);
        }
        catch (StorageException)
        {
            return;
        }

        var lines = TagManifestLines.Parse(Encoding.UTF8.GetString(tagManifest));
        if (lines is null || !lines.Contains((version.ManifestSha256, BagFiles.ManifestJson)))
        {
            return;
        }

        foreach (var (sha256, path) in lines.Append((Convert.ToHexStringLower(SHA256.HashData(tagManifest)), BagTagFiles.TagManifestSha256)))
        {
            if (path == BagFiles.ManifestJson)
            {
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = await ReadSmallAsync(stores.Offline, bagPrefix + path, ct);
            }
            catch (StorageException)
            {
                continue;
            }

            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256)
            {
                var mirror = SealingJob.BagMirrorPrefix + bagPrefix + path;
                await SealingJob.WriteSmallAsync(stores.Online, mirror, bytes, "application/octet-stream", retainUntil: null, ct);
                pair(path, mirror, bagPrefix + path, bytes.LongLength, sha256, null);
            }
        }
    }

    private static async Task<byte[]> ReadSmallAsync(IObjectStore store, string key, CancellationToken ct)
    {
        await using var stream = await store.GetAsync(key, null, ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return copy.ToArray();
    }
}
