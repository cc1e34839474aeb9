using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Archive.Core.Text;

namespace Archive.Integrity.Manifests;

/// <summary>Field rules and text forms shared by the manifest types.</summary>
internal static partial class ManifestRules
{
    /// <summary>Instants: UTC, always three fraction digits, e.g. <c>2025-03-01T08:30:00.000Z</c>.</summary>
    public static readonly InstantPattern InstantFormat =
        InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'");

    /// <summary>Dates: ISO calendar date, e.g. <c>2055-12-31</c>.</summary>
    public static readonly LocalDatePattern DateFormat = LocalDatePattern.Iso;

    /// <summary>The largest integer a JSON number (an IEEE double under RFC 8785) holds exactly.</summary>
    public const long MaxExactInteger = (1L << 53) - 1;

    public static bool IsText(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl) && Utf16Text.IsWellFormed(value);

    public static string Text(string? value, string name) =>
        IsText(value) ? value! : throw new ArgumentException($"{name} must be non-blank text without control characters.", name);

    public static bool IsSlug(string? value) => value is not null && SlugRegex().IsMatch(value);

    public static bool IsHex64(string? value) => value is not null && Hex64Regex().IsMatch(value);

    /// <summary>Item paths follow <see cref="ItemPathRule"/>, the rule ingest applies at upload.</summary>
    public static bool IsItemPath(string? value) => IsText(value) && ItemPathRule.Check(value) is null;

    /// <summary>Keeps instants to the millisecond, the precision of their text form.</summary>
    public static Instant ToMilliseconds(Instant instant)
    {
        var year = instant.InUtc().Year;
        return year is >= 1 and <= 9999
            ? Instant.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds())
            : throw new ArgumentOutOfRangeException(nameof(instant), "Instants must fall in the years 0001–9999.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugRegex();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Hex64Regex();
}
