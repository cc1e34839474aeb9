using System.Text.RegularExpressions;

namespace Archive.Ingest.Reading;

/// <summary>
/// Masks resident identity numbers (居民身份证号码, 18 characters, or the old 15-digit form) in free text shown
/// in the catalogue: the region prefix (6) and the last 4 characters stay, the birth date and sequence do not.
/// Any 15- or 18-character run of that shape is masked, checksum or not: masking too much is the safe error.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>The text with every identity-number-shaped run masked; null stays null.</summary>
    /// <param name="text">Free text, e.g. a project name.</param>
    public static string? Mask(string? text) =>
        text is null ? null : IdentityNumber().Replace(text, m => m.Value[..6] + new string('*', m.Value.Length - 10) + m.Value[^4..]);

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdentityNumber();
}
