using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Integrity.Bags;

/// <summary>
/// Validates a BagIt bag (RFC 8493 §3): declaration, every payload and tag manifest line against the bytes,
/// every payload file listed in every payload manifest, and <c>Payload-Oxum</c>. Reports every problem found.
/// </summary>
public static class BagValidator
{
    /// <summary>Validates the bag; an empty list means valid.</summary>
    public static async Task<IReadOnlyList<BagProblem>> ValidateAsync(IBagReader bag, CancellationToken cancellationToken)
    {
        var problems = new List<BagProblem>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var file in bag.ListFilesAsync(cancellationToken))
        {
            files.Add(file);
        }

        var declaration = await ReadTextAsync(bag, BagTagFiles.Declaration, cancellationToken);
        if (declaration is null || !declaration.Contains("BagIt-Version:", StringComparison.Ordinal)
            || !declaration.Contains("Tag-File-Character-Encoding: UTF-8", StringComparison.Ordinal))
        {
            problems.Add(new("bag.declaration", BagTagFiles.Declaration, "缺少或无效的 bagit.txt 声明文件。"));
        }

        var payloadManifests = files.Where(f => f.StartsWith("manifest-", StringComparison.Ordinal) && f.EndsWith(".txt", StringComparison.Ordinal)).ToList();
        if (payloadManifests.Count == 0)
        {
            problems.Add(new("bag.no-manifest", null, "缺少载荷清单（manifest-<算法>.txt）。"));
        }

        var payload = files.Where(f => f.StartsWith(BagTagFiles.PayloadPrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var manifest in payloadManifests)
        {
            var listed = await CheckManifestAsync(bag, manifest, sizes, problems, cancellationToken);
            foreach (var missing in payload.Where(p => !listed.Contains(p)))
            {
                problems.Add(new("bag.unlisted-payload", missing, $"载荷文件未列入 {manifest}。"));
            }
        }

        foreach (var tagManifest in files.Where(f => f.StartsWith("tagmanifest-", StringComparison.Ordinal)))
        {
            await CheckManifestAsync(bag, tagManifest, sizes, problems, cancellationToken);
        }

        await CheckOxumAsync(bag, payload, sizes, problems, cancellationToken);
        return problems;
    }

    private static async Task<HashSet<string>> CheckManifestAsync(
        IBagReader bag, string manifest, Dictionary<string, long> sizes, List<BagProblem> problems, CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var algorithm = manifest[(manifest.IndexOf('-', StringComparison.Ordinal) + 1)..^4];
        if (algorithm is not ("sha256" or "sha512"))
        {
            problems.Add(new("bag.unsupported-algorithm", manifest, $"不支持的摘要算法 {algorithm}。"));
            return listed;
        }

        var text = await ReadTextAsync(bag, manifest, ct) ?? string.Empty;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                problems.Add(new("bag.manifest-line", manifest, "清单行格式错误。"));
                continue;
            }

            var expected = line[..space].ToLowerInvariant();
            var path = BagTagFiles.DecodePath(line[space..].TrimStart(' ', '\t', '*').TrimEnd('\r'));
            if (!IsSafeRelativePath(path))
            {
                problems.Add(new("bag.unsafe-path", path, $"{manifest} 含有越出包目录的路径。"));
                continue;
            }

            listed.Add(path);
            await using var stream = await bag.OpenAsync(path, ct);
            if (stream is null)
            {
                problems.Add(new("bag.missing-file", path, $"{manifest} 列出的文件不存在。"));
                continue;
            }

            var (actual, size) = await HashAndCountAsync(stream, algorithm == "sha256" ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512, ct);
            sizes[path] = size;
            if (actual != expected)
            {
                problems.Add(new("bag.digest-mismatch", path, $"{algorithm} 摘要与 {manifest} 不符。"));
            }
        }

        return listed;
    }

    private static async Task CheckOxumAsync(
        IBagReader bag, HashSet<string> payload, Dictionary<string, long> sizes, List<BagProblem> problems, CancellationToken ct)
    {
        var info = await ReadTextAsync(bag, BagTagFiles.BagInfo, ct);
        var line = info?.Split('\n').FirstOrDefault(l => l.StartsWith("Payload-Oxum:", StringComparison.Ordinal));
        if (line is null)
        {
            return;
        }

        long octets = 0;
        foreach (var path in payload)
        {
            if (!sizes.TryGetValue(path, out var size))
            {
                await using var stream = await bag.OpenAsync(path, ct);
                (_, size) = await HashAndCountAsync(stream!, HashAlgorithmName.SHA256, ct);
            }

            octets += size;
        }

        var expected = string.Create(CultureInfo.InvariantCulture, $"{octets}.{payload.Count}");
        if (line["Payload-Oxum:".Length..].Trim() != expected)
        {
            problems.Add(new("bag.oxum", BagTagFiles.BagInfo, $"Payload-Oxum 与实际载荷（{expected}）不符。"));
        }
    }

    /// <summary>Whether a manifest path stays inside the bag: relative, no empty, <c>.</c> or <c>..</c> segments, no backslash or control characters.</summary>
    public static bool IsSafeRelativePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal) && !path.Any(char.IsControl)
        && path.Split('/').All(segment => segment is not ("" or "." or ".."));

    private static async Task<(string Hex, long Size)> HashAndCountAsync(Stream stream, HashAlgorithmName algorithm, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    private static async Task<string?> ReadTextAsync(IBagReader bag, string path, CancellationToken ct)
    {
        await using var stream = await bag.OpenAsync(path, ct);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}
