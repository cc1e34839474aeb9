using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Hosting;
using Archive.Ingest.Sealing;
using Archive.Integrity.Bags;
using Archive.Integrity.Custody;
using Archive.Integrity.Manifests;
using Archive.Storage;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Rebuild;

/// <summary>
/// Re-creates the catalogue (projects, archived submissions, versions, items and their copies' keys, the custody
/// registry) from the bags in the offline store, one <c>package.sealed</c> entry of the rebuilt ledger at a time (README
/// "Rebuilding from the offline copy"). A bag's manifest is taken only when its SHA-256 is the one the ledger recorded.
/// The online copy is content-addressed, so an item found there under its digest with its size is simply linked again;
/// an object missing online is registered as failed, so reads go to the offline copy and the next verification run
/// repairs the online copy from it. Idempotent per version: a version already in the catalogue is skipped.
/// </summary>
/// <param name="dataSource">The database (ingest and custody schemas migrated).</param>
/// <param name="stores">The online and offline stores.</param>
/// <param name="registry">The custody registry.</param>
/// <param name="clock">Registration time.</param>
/// <param name="archivalCodes">Where each version's 档号 (from its bag's <c>bag-info.txt</c>) is restored, or null to skip them.</param>
public sealed class CatalogueRebuilder(NpgsqlDataSource dataSource, IngestStores stores, CustodyRegistry registry, IClock clock, ArchivalCodes? archivalCodes = null)
{
    private const string ArchivalCodeLabel = "Archival-Code:";

    /// <summary>
    /// Re-creates the versions named by the ledger's <c>package.sealed</c> entries, in ledger order. A version its
    /// tombstone says was disposed of whole is counted as disposed, not as lost; items a tombstone disposed of on their own
    /// are recorded as disposed and not registered for custody (their bag files are gone by design).
    /// </summary>
    /// <param name="entries">The rebuilt ledger's sealed entries and tombstones.</param>
    /// <param name="ct">Cancels the work; versions committed so far stay.</param>
    /// <exception cref="StorageException">A store failed.</exception>
    public async Task<CatalogueRebuildReport> RebuildAsync(RebuildEntries entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var disposedWhole = entries.Disposed.Where(d => !d.ItemsOnly).Select(d => (d.Project, d.Version)).ToHashSet();
        var itemTombstones = entries.Disposed.Where(d => d.ItemsOnly).ToLookup(d => (d.Project, d.Version));
        var projects = new HashSet<string>(StringComparer.Ordinal);
        var unrecovered = new List<UnrecoveredVersion>();
        int versions = 0, codes = 0, disposedVersions = 0;
        long items = 0, linked = 0, missing = 0, disposedItems = 0;
        foreach (var entry in entries.Sealed)
        {
            if (disposedWhole.Contains((entry.Project, entry.Version)))
            {
                disposedVersions++;
                continue;
            }

            var manifestBytes = await TryReadAsync(stores.Offline, entry.BagPrefix + "archive/manifest.json", ct);
            if (manifestBytes is null)
            {
                unrecovered.Add(new(entry.Project, entry.Version, "rebuild.bag-missing", "离线副本中缺少该版本的数据包（或其清单），无法恢复。"));
                continue;
            }

            if (!string.Equals(Manifest.DigestHex(manifestBytes), entry.ManifestSha256, StringComparison.Ordinal))
            {
                unrecovered.Add(new(entry.Project, entry.Version, "rebuild.manifest-mismatch", "离线数据包中的清单与审计账本记录的摘要不符，未予恢复。"));
                continue;
            }

            var manifest = Manifest.Parse(manifestBytes);
            var segment = entry.BagPrefix[..^$"/v{entry.Version}/".Length];
            var tombstones = itemTombstones[(entry.Project, entry.Version)].ToList();
            var disposed = tombstones.SelectMany(t => t.Paths).ToHashSet(StringComparer.Ordinal);
            var kept = manifest.Items.Where(i => !disposed.Contains(i.Path)).ToList();
            var onlineState = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var item in kept)
            {
                var key = ArchiveKeys.ContentObject(item.Sha256);
                onlineState[key] = (await stores.Online.StatAsync(key, ct))?.Size == item.Size;
            }

            var created = await CatalogueRebuildStore.InsertVersionAsync(dataSource, entry, segment, manifest, manifestBytes, Metadata(manifest), onlineState.Values.All(v => v),
                tombstones, entries.ProposedAt, clock.GetCurrentInstant(), ct);
            if (!created)
            {
                continue;
            }

            var objects = await CustodyObjectsAsync(entry, segment, kept, ct);
            await registry.RegisterAsync(objects, clock.GetCurrentInstant(), ct);
            foreach (var online in objects.Where(o => o.Copy == CopyKind.Online))
            {
                var present = onlineState.TryGetValue(online.Key, out var found) ? found : (await stores.Online.StatAsync(online.Key, ct))?.Size == online.Size;
                if (present)
                {
                    linked++;
                }
                else
                {
                    missing++;
                    await registry.SetStateAsync(CopyKind.Online, online.Key, CustodyRegistry.Failed, null, ct);
                }
            }

            if (await RestoreArchivalCodeAsync(entry, manifest, ct))
            {
                codes++;
            }

            projects.Add(entry.Project);
            versions++;
            items += manifest.Items.Count;
            disposedItems += manifest.Items.Count - kept.Count;
        }

        return new CatalogueRebuildReport(projects.Count, versions, items, linked, missing, unrecovered)
        {
            ArchivalCodes = codes,
            DisposedVersions = disposedVersions,
            DisposedItems = disposedItems,
        };
    }

    // The 档号 the bag carries, so that the version keeps it and no later seal is given it again.
    private async Task<bool> RestoreArchivalCodeAsync(SealedEntry entry, Manifest manifest, CancellationToken ct)
    {
        if (archivalCodes is null || await TryReadAsync(stores.Offline, entry.BagPrefix + BagTagFiles.BagInfo, ct) is not { } bagInfo)
        {
            return false;
        }

        var line = Encoding.UTF8.GetString(bagInfo).Split('\n').FirstOrDefault(l => l.StartsWith(ArchivalCodeLabel, StringComparison.Ordinal));
        return line is not null
            && await archivalCodes.RestoreAsync(entry.Project, entry.Version, line[ArchivalCodeLabel.Length..].Trim(), manifest.Project.Category, manifest.SealedAt, ct);
    }

    // The submission's metadata as far as the manifest keeps it: the project and the parties, dates and flags.
    private static JsonObject Metadata(Manifest manifest)
    {
        var extra = manifest.Project.Extra;
        var project = new JsonObject { ["code"] = manifest.Project.Code, ["name"] = manifest.Project.Name, ["category"] = manifest.Project.Category };
        if (extra["region"] is { } region)
        {
            project["region"] = region.DeepClone();
        }

        var metadata = new JsonObject { ["project"] = project };
        foreach (var name in new[] { "parties", "dates", "flags" })
        {
            if (extra[name] is { } node)
            {
                metadata[name] = node.DeepClone();
            }
        }

        return metadata;
    }

    // The same pairs sealing registers: each item and each tag file of the bag, with its online counterpart.
    private async Task<List<CustodyObject>> CustodyObjectsAsync(SealedEntry entry, string segment, IReadOnlyList<ManifestItem> items, CancellationToken ct)
    {
        var objects = new List<CustodyObject>();
        void Pair(string path, string onlineKey, string offlineKey, long size, string sha256, string? sm3)
        {
            objects.Add(new(CopyKind.Online, onlineKey, entry.Project, entry.Version, path, size, sha256, sm3, offlineKey));
            objects.Add(new(CopyKind.Offline, offlineKey, entry.Project, entry.Version, path, size, sha256, sm3, onlineKey));
        }

        foreach (var item in items)
        {
            Pair(item.Path, ArchiveKeys.ContentObject(item.Sha256), ArchiveKeys.BagPayload(segment, entry.Version, item.Path), item.Size, item.Sha256, item.Sm3);
        }

        var manifestKey = ArchiveKeys.Manifest(segment, entry.Version);
        var tagPaths = await TagPathsAsync(entry.BagPrefix, ct);
        foreach (var path in tagPaths)
        {
            if (await TryReadAsync(stores.Offline, entry.BagPrefix + path, ct) is not { } bytes)
            {
                continue;
            }

            var onlineKey = path switch
            {
                "archive/manifest.json" => manifestKey,
                SealingJob.ChunkDigestsTagFile => manifestKey[..^".json".Length] + ".chunks.json",
                _ => SealingJob.BagMirrorPrefix + entry.BagPrefix + path,
            };
            Pair(path == "archive/manifest.json" ? "manifest" : path, onlineKey, entry.BagPrefix + path, bytes.LongLength,
                Convert.ToHexStringLower(SHA256.HashData(bytes)), null);
        }

        return objects;
    }

    // Every tag file the bag's tag manifest names, and the tag manifest itself.
    private async Task<List<string>> TagPathsAsync(string bagPrefix, CancellationToken ct)
    {
        var paths = new List<string>();
        if (await TryReadAsync(stores.Offline, bagPrefix + BagTagFiles.TagManifestSha256, ct) is { } tagManifest)
        {
            foreach (var line in Encoding.UTF8.GetString(tagManifest).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0)
                {
                    paths.Add(line[(space + 1)..].TrimStart(' ', '*'));
                }
            }

            paths.Add(BagTagFiles.TagManifestSha256);
        }

        return paths;
    }

    private static async Task<byte[]?> TryReadAsync(IObjectStore store, string key, CancellationToken ct)
    {
        try
        {
            await using var stream = await store.GetAsync(key, null, ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }
}
