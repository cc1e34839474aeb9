using PdfSharp.Fonts;

namespace Archive.Api.Reports;

/// <summary>
/// The PDFsharp font resolver of the archive's reports: every family resolves to one CJK TrueType face
/// (WenQuanYi Micro Hei, extracted from Debian's <c>.ttc</c> by <c>./archive</c>), so Chinese text renders
/// and embeds without depending on fonts installed on the machine.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    /// <summary>The family name documents ask for.</summary>
    public const string FamilyName = "Archive CJK";

    /// <summary>The variable naming the font file (<c>ARCHIVE_CJK_FONT</c>).</summary>
    public const string FontVariable = "ARCHIVE_CJK_FONT";

    /// <summary>Where <c>./archive</c> writes the extracted face, relative to the repository root.</summary>
    public const string GeneratedRelativePath = "tools/fonts/generated/wqy-microhei.ttf";

    private const string FaceName = "archive-cjk";
    private readonly byte[] font;

    /// <summary>Creates a resolver serving the TrueType (not collection) font file <paramref name="fontPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is a TrueType collection or not a TrueType/OpenType font.</exception>
    public CjkFontResolver(string fontPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fontPath);
        if (!File.Exists(fontPath))
        {
            throw new FileNotFoundException($"中文字体文件不存在：{fontPath}（由 ./archive 生成，或以 {FontVariable} 指定）。", fontPath);
        }

        font = File.ReadAllBytes(fontPath);
        FontPath = fontPath;
        if (font.AsSpan().StartsWith("ttcf"u8))
        {
            throw new InvalidDataException($"{fontPath} 是 TrueType 字体集（.ttc），PDFsharp 无法读取；请先提取其中一个字形（./archive 会自动完成）。");
        }

        if (font.Length < 12 || !(font.AsSpan().StartsWith((ReadOnlySpan<byte>)[0, 1, 0, 0]) || font.AsSpan().StartsWith("true"u8)))
        {
            throw new InvalidDataException($"{fontPath} 不是 TrueType 字体文件。");
        }
    }

    /// <summary>The font file served.</summary>
    public string FontPath { get; }

    /// <summary>
    /// The font file to use: <c>ARCHIVE_CJK_FONT</c> when set, else the generated file found in a parent folder
    /// of <paramref name="startDirectory"/> (the program's folder by default).
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither is present.</exception>
    public static string LocateFont(string? configured = null, string? startDirectory = null)
    {
        configured ??= Environment.GetEnvironmentVariable(FontVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, GeneratedRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"找不到中文字体：请设置 {FontVariable}，或通过 ./archive 运行（它会从 fonts-wqy-microhei 生成 {GeneratedRelativePath}）。");
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(FaceName, isBold, isItalic);

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) => faceName == FaceName ? font : null;
}
