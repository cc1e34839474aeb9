using System.Text;
using Archive.Core.Text;

namespace Archive.Storage;

/// <summary>
/// The rules for object keys, shared by every store so that a key valid in one copy is valid in all:
/// <c>/</c>-separated segments (e.g. <c>objects/sha256/ab/cd…</c>, <c>staging/7/数据/文件.pdf</c>), normalised
/// to Unicode NFC; no empty, <c>.</c> or <c>..</c> segment, no leading or trailing <c>/</c>, no backslash,
/// no control character, at most <see cref="MaxSegmentBytes"/> UTF-8 bytes per segment,
/// <see cref="MaxKeyBytes"/> in all and <see cref="MaxSegments"/> segments. Any other character, Chinese included, is fine.
/// </summary>
public static class ObjectKey
{
    /// <summary>The largest key, in UTF-8 bytes (the S3 limit).</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>The largest segment, in UTF-8 bytes (the usual file-name limit).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>The most segments a key may have (Azure Blob Storage allows 254 path segments in a blob name).</summary>
    public const int MaxSegments = 254;

    /// <summary>Validates a key and returns its NFC form.</summary>
    /// <param name="key">The key to check.</param>
    /// <returns>The key in Unicode normalisation form C.</returns>
    /// <exception cref="InvalidObjectKeyException">The key breaks a rule; the message says which.</exception>
    public static string Normalize(string key) =>
        Check(key, isPrefix: false) is { } reason ? throw new InvalidObjectKeyException(key ?? "", reason) : key.Normalize(NormalizationForm.FormC);

    /// <summary>Validates a listing prefix (empty, or the start of some valid key) and returns its NFC form.</summary>
    /// <param name="prefix">The prefix to check.</param>
    /// <returns>The prefix in Unicode normalisation form C.</returns>
    /// <exception cref="InvalidObjectKeyException">No valid key could start with this prefix.</exception>
    public static string NormalizePrefix(string prefix) =>
        Check(prefix, isPrefix: true) is { } reason ? throw new InvalidObjectKeyException(prefix ?? "", reason) : prefix.Normalize(NormalizationForm.FormC);

    /// <summary>Tells whether a key is valid.</summary>
    /// <param name="key">The key to check.</param>
    /// <returns><see langword="true"/> when <see cref="Normalize"/> would accept it.</returns>
    public static bool IsValid(string key) => Check(key, isPrefix: false) is null;

    private static string? Check(string? key, bool isPrefix)
    {
        if (key is null)
        {
            return "the key is missing";
        }
        if (key.Length == 0)
        {
            return isPrefix ? null : "the key is empty";
        }
        if (!Utf16Text.IsWellFormed(key) || !TryNormalize(ref key))
        {
            return "the key is not valid Unicode";
        }
        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return "control characters are not allowed";
            }
            if (c == '\\')
            {
                return "backslashes are not allowed; use '/' between segments";
            }
        }
        if (key[0] == '/')
        {
            return "absolute keys (leading '/') are not allowed";
        }
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return $"longer than {MaxKeyBytes} UTF-8 bytes";
        }
        var segments = key.Split('/');
        if (segments.Length > MaxSegments)
        {
            return $"more than {MaxSegments} segments";
        }
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (last && isPrefix)
            {
                // A prefix may end inside a segment or right after a '/'.
                return Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes ? $"a segment is longer than {MaxSegmentBytes} UTF-8 bytes" : null;
            }
            if (segment.Length == 0)
            {
                return last ? "a trailing '/' is not allowed" : "empty segments ('//') are not allowed";
            }
            if (segment is "." or "..")
            {
                return "'.' and '..' segments are not allowed";
            }
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"a segment is longer than {MaxSegmentBytes} UTF-8 bytes";
            }
        }
        return null;
    }

    private static bool TryNormalize(ref string key)
    {
        try
        {
            key = key.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
