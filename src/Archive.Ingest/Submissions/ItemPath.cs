using System.Text;
using Archive.Core.Errors;
using Archive.Core.Text;

namespace Archive.Ingest.Submissions;

/// <summary>
/// The path of an item inside a package (e.g. <c>招标文件/第一册.pdf</c>), normalised to NFC and refused when it
/// could escape its package or be misread by the tools that check an offline bag: <c>..</c> or <c>.</c> segments,
/// absolute paths, backslashes, control characters, empty segments, <c>%</c> (BagIt manifests percent-encode it,
/// which coreutils' <c>sha256sum -c</c> cannot read), and over-long paths.
/// </summary>
public static class ItemPath
{
    /// <summary>The longest path accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The longest segment accepted, in UTF-8 bytes (most filesystems allow 255).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>The normalised path.</summary>
    /// <exception cref="IngestException">The path is not acceptable (<c>item.path</c>).</exception>
    public static string Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw Refuse(path, "条目路径不能为空。");
        }

        if (!Utf16Text.IsWellFormed(path))
        {
            throw Refuse(path, "条目路径含有无效的 Unicode 字符。");
        }

        var normalized = path.Normalize(NormalizationForm.FormC);
        if (normalized.StartsWith('/') || normalized.Contains('\\', StringComparison.Ordinal))
        {
            throw Refuse(path, "条目路径不得为绝对路径，也不得含反斜杠。");
        }

        if (normalized.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF'))
        {
            throw Refuse(path, "条目路径不得含控制字符或无效字符。");
        }

        if (normalized.Contains('%', StringComparison.Ordinal))
        {
            throw Refuse(path, "条目路径不得含百分号（%），以便离线包可用标准工具校验。");
        }

        var segments = normalized.Split('/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == ".." || s.Trim().Length == 0))
        {
            throw Refuse(path, "条目路径不得含空段、“.”或“..”。");
        }

        if (Encoding.UTF8.GetByteCount(normalized) > MaxBytes || segments.Any(s => Encoding.UTF8.GetByteCount(s) > MaxSegmentBytes))
        {
            throw Refuse(path, $"条目路径过长（全长不超过 {MaxBytes} 字节，每段不超过 {MaxSegmentBytes} 字节）。");
        }

        return normalized;
    }

    /// <summary>
    /// The key under which two paths collide on case-insensitive media (optical discs, some filesystems):
    /// paths with equal keys may not stand in one package.
    /// </summary>
    public static string CollisionKey(string normalizedPath) => normalizedPath.ToUpperInvariant();

    /// <summary>Whether two paths cannot both be files of one package: equal keys, or one a folder of the other.</summary>
    public static bool Collide(string normalizedA, string normalizedB)
    {
        var a = CollisionKey(normalizedA);
        var b = CollisionKey(normalizedB);
        return a == b || a.StartsWith(b + "/", StringComparison.Ordinal) || b.StartsWith(a + "/", StringComparison.Ordinal);
    }

    private static IngestException Refuse(string? path, string message) =>
        new(ErrorKind.Invalid, "item.path", message, field: path is null ? null : "path");
}
