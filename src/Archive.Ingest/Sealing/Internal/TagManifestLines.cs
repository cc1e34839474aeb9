using Archive.Integrity.Bags;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>The lines of a bag's <c>tagmanifest-sha256.txt</c>: digest and decoded path of each tag file.</summary>
internal static class TagManifestLines
{
    /// <summary>The <c>(sha256, path)</c> lines, or null when a line is not a safe tag file (a payload path, an unsafe path, a bad digest).</summary>
    public static IReadOnlyList<(string Sha256, string Path)>? Parse(string text)
    {
        var lines = new List<(string, string)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var path = space == 64 ? BagTagFiles.DecodePath(line[(space + 1)..].TrimStart(' ', '*').TrimEnd('\r')) : null;
            if (path is null || !BagValidator.IsSafeRelativePath(path) || path.StartsWith(BagTagFiles.PayloadPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            lines.Add((line[..64], path));
        }

        return lines;
    }
}
