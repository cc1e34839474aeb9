using Archive.Core.Errors;
using Archive.Ingest.Sealing;
using Archive.Integrity.Manifests;
using Archive.Storage;

namespace Archive.Ingest.Submissions;

/// <summary>
/// The path rules sealing relies on, checked over the whole version a seal would make (its own items plus those
/// carried over from the previous version): each path passes <see cref="ItemPathRule"/>, its offline bag key
/// (<see cref="ArchiveKeys.BagPayload"/>) is a valid <see cref="ObjectKey"/> in every store, and no two paths collide
/// on case-insensitive media or as file and folder.
/// </summary>
internal static class PackagePathChecks
{
    public static List<ArchiveProblem> Find(
        IReadOnlyList<SubmissionItem> items, IReadOnlyList<(string Path, string Role)> carried, string storageSegment, int version)
    {
        var problems = new List<ArchiveProblem>();
        var sent = items.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in sent.Order(StringComparer.Ordinal))
        {
            if (ItemPathRule.Check(path) is { } violation)
            {
                problems.Add(new("item.path", path, ItemPath.Message(violation)));
            }
            else if (!ObjectKey.IsValid(ArchiveKeys.BagPayload(storageSegment, version, path)))
            {
                problems.Add(new("item.path-too-long", path,
                    $"条目路径加上离线包前缀“{ArchiveKeys.BagPrefix(storageSegment, version)}data/”后超出对象存储的键限制"
                    + $"（全长不超过 {ObjectKey.MaxKeyBytes} 字节、不超过 {ObjectKey.MaxSegments} 段），请缩短路径。"));
            }
        }

        var kept = carried.Select(c => c.Path).Where(p => !sent.Contains(p)).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Collisions(sent, kept));
        return problems;
    }

    private static IEnumerable<ArchiveProblem> Collisions(HashSet<string> sent, HashSet<string> kept)
    {
        // Files by collision key, carried paths first, so that a clash names the carried item when there is one.
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = kept.Order(StringComparer.Ordinal).Concat(sent.Order(StringComparer.Ordinal)).ToList();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in all)
        {
            if (!files.TryAdd(ItemPath.CollisionKey(path), path) && sent.Contains(path) && reported.Add(path))
            {
                yield return Clash(path, files[ItemPath.CollisionKey(path)], kept);
            }
        }

        // A file whose key is a folder of another path's key.
        foreach (var path in all)
        {
            if (FolderClash(ItemPath.CollisionKey(path), files) is { } file && (sent.Contains(path) || sent.Contains(file)))
            {
                var (own, other) = sent.Contains(path) ? (path, file) : (file, path);
                if (reported.Add(own))
                {
                    yield return Clash(own, other, kept);
                }
            }
        }
    }

    private static string? FolderClash(string key, Dictionary<string, string> files)
    {
        for (var slash = key.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = key.IndexOf('/', slash + 1))
        {
            if (files.TryGetValue(key[..slash], out var file))
            {
                return file;
            }
        }

        return null;
    }

    private static ArchiveProblem Clash(string path, string other, HashSet<string> kept) =>
        new("item.path-collision", path, kept.Contains(other)
            ? $"条目路径与上一版本沿用的条目“{other}”冲突（大小写不同或互为目录），离线包无法同时容纳两者；请改用其他路径，或以同一路径替换该条目。"
            : $"条目路径与条目“{other}”冲突（大小写不同或互为目录），离线包无法同时容纳两者。");
}
