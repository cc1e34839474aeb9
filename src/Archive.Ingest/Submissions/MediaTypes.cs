using System.Text.RegularExpressions;

namespace Archive.Ingest.Submissions;

/// <summary>
/// Declared media types and the signatures of the common archive formats (PDF, OFD/ZIP, JPEG, PNG, MP4, WAV, JSON):
/// a declared type whose bytes carry another signature is refused. Types without a known signature are accepted as declared.
/// </summary>
public static partial class MediaTypes
{
    /// <summary>How many leading bytes <see cref="Matches"/> needs at most.</summary>
    public const int SniffLength = 64;

    /// <summary>The bare, lower-case <c>type/subtype</c> of a Content-Type value, or null when malformed.</summary>
    public static string? Normalize(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var bare = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return TypeSyntax().IsMatch(bare) ? bare : null;
    }

    /// <summary>Whether the leading bytes agree with the declared (normalised) type.</summary>
    public static bool Matches(string mediaType, ReadOnlySpan<byte> head) => mediaType switch
    {
        "application/pdf" => head.StartsWith("%PDF-"u8),
        "application/ofd" or "application/zip" or "application/x-zip-compressed" => head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8),
        "image/jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "video/mp4" or "audio/mp4" => head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8),
        "audio/wav" or "audio/x-wav" or "audio/wave" => head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8),
        "application/json" => StartsLikeJson(head),
        _ => true,
    };

    private static bool StartsLikeJson(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex TypeSyntax();
}
