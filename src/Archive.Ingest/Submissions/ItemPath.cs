using System.Text;
using Archive.Core.Errors;
using Archive.Core.Text;
using Archive.Integrity.Manifests;

namespace Archive.Ingest.Submissions;

/// <summary>
/// The path of an item inside a package (e.g. <c>招标文件/第一册.pdf</c>), normalised to NFC and checked against
/// <see cref="ItemPathRule"/>, the same rule the manifest applies, so a path accepted here never fails sealing.
/// </summary>
public static class ItemPath
{
    /// <summary>The longest path accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = ItemPathRule.MaxBytes;

    /// <summary>The longest segment accepted, in UTF-8 bytes (most filesystems allow 255).</summary>
    public const int MaxSegmentBytes = ItemPathRule.MaxSegmentBytes;

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
        return ItemPathRule.Check(normalized) switch
        {
            null => normalized,
            { } violation => throw Refuse(path, Message(violation)),
        };
    }

    /// <summary>The Chinese explanation of a broken item-path rule.</summary>
    /// <param name="violation">The broken rule.</param>
    public static string Message(ItemPathViolation violation) => violation switch
    {
        ItemPathViolation.Absolute => "条目路径不得为绝对路径，也不得含反斜杠。",
        ItemPathViolation.ControlCharacter => "条目路径不得含控制字符或无效字符。",
        ItemPathViolation.Percent => "条目路径不得含百分号（%），以便离线包可用标准工具校验。",
        ItemPathViolation.BadSegment => "条目路径不得含空段、“.”或“..”，各段首尾不得为空白字符（含全角空格），也不得以“.”结尾。",
        ItemPathViolation.TooLong => $"条目路径过长（全长不超过 {MaxBytes} 字节，每段不超过 {MaxSegmentBytes} 字节）。",
        _ => "条目路径含有无效的 Unicode 字符。",
    };

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
