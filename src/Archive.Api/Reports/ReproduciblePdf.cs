using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Archive.Api.Reports;

/// <summary>
/// Makes PDFsharp's output reproducible: it tags embedded font subsets (<c>ABCDEF+Name</c>) and the XMP
/// document/instance ids with random values. Each is replaced by a value of the same length derived from the
/// document's content, so every byte offset (and the cross-reference table) stays valid.
/// </summary>
internal static partial class ReproduciblePdf
{
    public static byte[] Normalize(byte[] pdf, string seed)
    {
        // Latin-1 maps every byte to one char and back, so offsets are preserved exactly.
        var text = Encoding.Latin1.GetString(pdf);
        var tags = SubsetTag().Matches(text).Select(m => m.Groups["tag"].Value).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < tags.Count; i++)
        {
            text = text.Replace(tags[i] + "+", Derive(seed, "font", i, 6, upperLetters: true) + "+", StringComparison.Ordinal);
        }

        var index = 0;
        text = XmpUuid().Replace(text, _ =>
        {
            var hex = Derive(seed, "uuid", index++, 32, upperLetters: false);
            return $"uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        });
        return Encoding.Latin1.GetBytes(text);
    }

    private static string Derive(string seed, string purpose, int index, int length, bool upperLetters)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}\n{index}\n{seed}"));
        return upperLetters
            ? string.Concat(hash.Take(length).Select(b => (char)('A' + (b % 26))))
            : Convert.ToHexStringLower(hash)[..length];
    }

    [GeneratedRegex(@"/(?:FontName|BaseFont)/(?<tag>[A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex XmpUuid();
}
