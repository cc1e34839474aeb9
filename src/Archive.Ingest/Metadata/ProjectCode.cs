using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Archive.Ingest.Metadata.Internal;
using Archive.Core.Text;

namespace Archive.Ingest.Metadata;

/// <summary>
/// A project code (项目编号) as sent by a trading system: one of the specified forms or a legacy free-form code.
/// <see cref="StorageSegment"/> is the code made safe as a single path segment, so a code can never name a path
/// outside its own prefix. Equality is on the NFC form.
/// </summary>
public sealed partial class ProjectCode : IEquatable<ProjectCode>
{
    /// <summary>The longest accepted code, in Unicode characters.</summary>
    public const int MaxLength = 50;

    private ProjectCode(string value, string normalized, ProjectCodeKind kind)
    {
        Value = value;
        Normalized = normalized;
        Kind = kind;
        StorageSegment = StorageSegmentEncoder.Encode(normalized);
    }

    /// <summary>The code exactly as received.</summary>
    public string Value { get; }

    /// <summary>The code in Unicode normalisation form C.</summary>
    public string Normalized { get; }

    /// <summary>The recognised form.</summary>
    public ProjectCodeKind Kind { get; }

    /// <summary>
    /// One path segment that is always safe: only <c>A-Z 0-9 - _ % ~</c>, never empty, never <c>.</c>/<c>..</c>,
    /// never a reserved device name, at most 120 characters; distinct codes give distinct segments. Codes of
    /// <c>A-Z 0-9 - _</c> are kept as they are; others are percent-encoded UTF-8 (reversible), and very long
    /// encodings end in <c>~</c> and a SHA-256 prefix.
    /// </summary>
    public string StorageSegment { get; }

    /// <summary>For the specified forms: the 6-digit region code inside the code; otherwise null.</summary>
    public string? RegionCode => Kind is ProjectCodeKind.Project or ProjectCodeKind.TenderProject or ProjectCodeKind.Lot
        ? Normalized.Substring(1, 6)
        : null;

    /// <summary>The first problem of <paramref name="value"/>, or null when it is acceptable.</summary>
    /// <param name="value">The candidate code.</param>
    /// <param name="allowLegacy">Whether free-form codes are accepted; when false only the specified forms are.</param>
    public static IdentifierError? Validate(string? value, bool allowLegacy = true) =>
        Check(value, allowLegacy, out _);

    /// <summary>Parses a code.</summary>
    /// <param name="value">The code.</param>
    /// <param name="allowLegacy">Whether free-form codes are accepted.</param>
    /// <exception cref="InvalidIdentifierException">The code is not acceptable.</exception>
    public static ProjectCode Parse(string? value, bool allowLegacy = true) =>
        Check(value, allowLegacy, out var code) is { } error ? throw new InvalidIdentifierException(error) : code!;

    /// <summary>Parses a code without throwing.</summary>
    /// <param name="value">The code.</param>
    /// <param name="code">The parsed code, or null.</param>
    /// <param name="error">Why it was refused, or null.</param>
    /// <param name="allowLegacy">Whether free-form codes are accepted.</param>
    public static bool TryParse(string? value, out ProjectCode? code, out IdentifierError? error, bool allowLegacy = true)
    {
        error = Check(value, allowLegacy, out code);
        return error is null;
    }

    private static IdentifierError? Check(string? value, bool allowLegacy, out ProjectCode? code)
    {
        code = null;
        if (string.IsNullOrEmpty(value))
        {
            return new("project-code.empty", "项目编号不能为空。");
        }

        if (!Utf16Text.IsWellFormed(value))
        {
            return new("project-code.encoding", "项目编号含有无效的 Unicode 字符。");
        }

        var normalized = value.Normalize(NormalizationForm.FormC);
        var length = normalized.EnumerateRunes().Count();
        if (length > MaxLength)
        {
            return new("project-code.length", $"项目编号最长 {MaxLength} 个字符，实际为 {length} 个。");
        }

        if (normalized.EnumerateRunes().Any(IsForbidden))
        {
            return new("project-code.character", "项目编号不能含有控制字符、格式字符或换行。");
        }

        if (char.IsWhiteSpace(normalized[0]) || char.IsWhiteSpace(normalized[^1]))
        {
            return new("project-code.whitespace", "项目编号首尾不能有空白字符。");
        }

        var kind = KindOf(normalized);
        if (kind == ProjectCodeKind.Legacy && !allowLegacy)
        {
            return new("project-code.format",
                "项目编号格式不符合规范：应为 17 位（字母 + 6 位行政区划代码 + 10 位）、20 位、23 位或 40 位统一交易标识码。");
        }

        code = new ProjectCode(value, normalized, kind);
        return null;
    }

    private static ProjectCodeKind KindOf(string code)
    {
        if (TransactionIdentifierPattern().IsMatch(code))
        {
            return ProjectCodeKind.TransactionIdentifier;
        }

        var match = SpecifiedPattern().Match(code);
        if (!match.Success || match.Groups["region"].Value == "000000")
        {
            return ProjectCodeKind.Legacy;
        }

        return code.Length switch
        {
            17 => ProjectCodeKind.Project,
            20 => ProjectCodeKind.TenderProject,
            _ => ProjectCodeKind.Lot,
        };
    }

    private static bool IsForbidden(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse;

    [GeneratedRegex(@"^[A-Z](?<region>\d{6})[0-9A-Z]{10}(\d{3}){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SpecifiedPattern();

    [GeneratedRegex("^[0-9A-Z]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex TransactionIdentifierPattern();

    /// <inheritdoc />
    public bool Equals(ProjectCode? other) =>
        other is not null && string.Equals(Normalized, other.Normalized, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProjectCode);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Normalized);

    /// <summary>The code as received.</summary>
    public override string ToString() => Value;
}
