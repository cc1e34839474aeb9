using System.Globalization;

namespace Archive.Storage;

/// <summary>
/// A byte range of an object: from <see cref="Offset"/>, <see cref="Length"/> bytes, or to the end when the
/// length is absent. A range that starts at or past the end of the object is refused with
/// <see cref="RangeNotSatisfiableException"/>; a length running past the end is cut at the end.
/// </summary>
public readonly record struct ByteRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="offset">The first byte, from 0.</param>
    /// <param name="length">How many bytes, at least 1; <see langword="null"/> for "to the end".</param>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or the length is below 1.</exception>
    public ByteRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l, 1L, nameof(length));
            _ = checked(offset + l);
        }
        Offset = offset;
        Length = length;
    }

    /// <summary>The first byte of the range, from 0.</summary>
    public long Offset { get; }

    /// <summary>The number of bytes, or <see langword="null"/> for "to the end".</summary>
    public long? Length { get; }

    /// <summary>The last byte of the range (inclusive), or <see langword="null"/> for "to the end".</summary>
    public long? LastInclusive => Length is { } l ? Offset + l - 1 : null;

    /// <summary>The range in HTTP <c>Range</c> header form, e.g. <c>bytes=10-19</c> or <c>bytes=10-</c>.</summary>
    /// <returns>The header value.</returns>
    public string ToHttpHeaderValue() =>
        string.Create(CultureInfo.InvariantCulture, $"bytes={Offset}-{LastInclusive}");

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Offset}, {(Length is { } l ? (Offset + l).ToString(CultureInfo.InvariantCulture) : "end")})");
}
