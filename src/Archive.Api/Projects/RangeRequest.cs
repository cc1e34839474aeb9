using System.Globalization;

namespace Archive.Api.Projects;

/// <summary>
/// A request's single byte range resolved against a representation of known size (RFC 9110 §14). Only the first
/// range of a multi-range request is served (as a plain 206 with its <c>Content-Range</c>, never multipart); a header
/// that is not <c>bytes=</c> or not well formed is ignored (200 with everything), as RFC 9110 §14.2 allows.
/// </summary>
/// <param name="Kind">Whole, partial or unsatisfiable.</param>
/// <param name="Offset">The first byte (partial only).</param>
/// <param name="Length">How many bytes (partial only), at least 1.</param>
internal readonly record struct RangeRequest(RangeKind Kind, long Offset, long Length)
{
    public static RangeRequest Whole { get; } = new(RangeKind.Whole, 0, 0);

    /// <summary><c>bytes=a-b</c> (inclusive) as served, e.g. for the ledger.</summary>
    public string HeaderValue => string.Create(CultureInfo.InvariantCulture, $"bytes={Offset}-{Offset + Length - 1}");

    /// <summary>The <c>Content-Range</c> of this partial response.</summary>
    public string ContentRange(long size) => string.Create(CultureInfo.InvariantCulture, $"bytes {Offset}-{Offset + Length - 1}/{size}");

    /// <summary>Resolves a <c>Range</c> header against a size.</summary>
    public static RangeRequest Resolve(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Whole;
        }

        var value = header.Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return Whole;
        }

        var first = value[6..].Split(',')[0].Trim();
        var dash = first.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Whole;
        }

        var start = first[..dash].Trim();
        var end = first[(dash + 1)..].Trim();
        if (start.Length == 0)
        {
            // Suffix: the last n bytes.
            if (!TryNumber(end, out var suffix))
            {
                return Whole;
            }

            return suffix == 0 || size == 0
                ? new(RangeKind.Unsatisfiable, 0, 0)
                : new(RangeKind.Partial, size - Math.Min(suffix, size), Math.Min(suffix, size));
        }

        if (!TryNumber(start, out var from))
        {
            return Whole;
        }

        long? to = null;
        if (end.Length > 0)
        {
            if (!TryNumber(end, out var last) || last < from)
            {
                return Whole;
            }

            to = last;
        }

        if (from >= size)
        {
            return new(RangeKind.Unsatisfiable, 0, 0);
        }

        var lastByte = Math.Min(to ?? size - 1, size - 1);
        return new(RangeKind.Partial, from, lastByte - from + 1);
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
