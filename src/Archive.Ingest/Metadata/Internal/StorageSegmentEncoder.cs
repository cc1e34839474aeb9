using System.Security.Cryptography;
using System.Text;

namespace Archive.Ingest.Metadata.Internal;

/// <summary>
/// Turns any string into one safe, collision-free path segment (for object keys and bag folders).
/// Plain form: NFC text of <c>A-Z 0-9 - _</c> only, not a reserved device name — kept as it is.
/// Encoded form: every other UTF-8 byte (lower case and '.' included, so case-insensitive file systems and
/// dot segments are harmless) as <c>%XX</c>; a reserved name gets its first character encoded. It always holds a
/// '%', so it never equals a plain form, and it decodes back to the NFC text.
/// Hashed form: when the encoded form is longer than <see cref="MaxLength"/>, its start plus '~' and 32 hex
/// digits of SHA-256 over the NFC text's UTF-8; '~' appears in no other form.
/// </summary>
internal static class StorageSegmentEncoder
{
    public const int MaxLength = 120;
    private const int HashHexLength = 32;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CLOCK$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var nfc = Normalize(value);
        if (nfc.Length > 0 && nfc.Length <= MaxLength && nfc.All(IsPlain) && !Reserved.Contains(nfc))
        {
            return nfc;
        }

        var bytes = Encoding.UTF8.GetBytes(nfc);
        var builder = new StringBuilder(bytes.Length * 3);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var forceFirst = i == 0 && Reserved.Contains(nfc);
            if (!forceFirst && b < 0x80 && IsPlain((char)b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (builder.Length == 0)
        {
            return "%";
        }

        if (builder.Length <= MaxLength)
        {
            return builder.ToString();
        }

        var keep = MaxLength - HashHexLength - 1;
        // Never cut inside a %XX escape.
        while (keep > 0 && (builder[keep - 1] == '%' || (keep > 1 && builder[keep - 2] == '%')))
        {
            keep--;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(nfc)))[..HashHexLength];
        return string.Concat(builder.ToString(0, keep), "~", hash);
    }

    /// <summary>NFC, with lone surrogates replaced so that normalisation and UTF-8 never throw.</summary>
    public static string Normalize(string value)
    {
        var wellFormed = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
        return wellFormed.Normalize(NormalizationForm.FormC);
    }

    private static bool IsPlain(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';
}
