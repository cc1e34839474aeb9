using System.Text;
using Archive.Core.Text;

namespace Archive.Integrity.Manifests;

/// <summary>
/// The one rule for an item path inside a package (条目路径), shared by the manifest (which refuses a path that breaks
/// it) and by ingest (which refuses it at upload), so nothing accepted at upload fails when the manifest is built:
/// relative, <c>/</c>-separated, NFC, no backslash, control character or <c>%</c>, no empty, dot, blank or
/// white-space-padded segment, no segment ending in <c>.</c>, and within the length limits.
/// </summary>
public static class ItemPathRule
{
    /// <summary>The longest path accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    /// <summary>The longest segment accepted, in UTF-8 bytes (most filesystems allow 255).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>The first rule <paramref name="path"/> breaks, or <see langword="null"/> when it is a valid item path.</summary>
    /// <param name="path">The path, already normalised to NFC.</param>
    /// <returns>The broken rule, or <see langword="null"/>.</returns>
    public static ItemPathViolation? Check(string? path)
    {
        if (string.IsNullOrEmpty(path) || !Utf16Text.IsWellFormed(path) || !path.IsNormalized(NormalizationForm.FormC))
        {
            return ItemPathViolation.Malformed;
        }

        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal))
        {
            return ItemPathViolation.Absolute;
        }

        if (path.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF'))
        {
            return ItemPathViolation.ControlCharacter;
        }

        if (path.Contains('%', StringComparison.Ordinal))
        {
            return ItemPathViolation.Percent;
        }

        var segments = path.Split('/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == ".." || s.Trim().Length != s.Length || s.EndsWith('.')))
        {
            return ItemPathViolation.BadSegment;
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxBytes || segments.Any(s => Encoding.UTF8.GetByteCount(s) > MaxSegmentBytes))
        {
            return ItemPathViolation.TooLong;
        }

        return null;
    }
}
