using Archive.Ingest.Metadata.Internal;
namespace Archive.Ingest.Metadata;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters of <c>0-9A-HJ-NPQRTUWXY</c>; positions 3–8 the registering
/// authority's region code, positions 9–17 the organisation code (GB 11714, with its own check character), position
/// 18 the check character (weights 3^i mod 31, ISO 7064 style MOD 31).
/// </summary>
public static class UnifiedSocialCreditCode
{
    /// <summary>The 31 characters the code uses, in value order (no I, O, S, V, Z).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The first problem of <paramref name="value"/>, or null when it is a valid code.</summary>
    /// <param name="value">The candidate code (exact: no trimming, upper case only).</param>
    public static IdentifierError? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new("credit-code.empty", "统一社会信用代码不能为空。");
        }

        if (value.Length != 18)
        {
            return new("credit-code.length", $"统一社会信用代码应为 18 位，实际为 {value.Length} 位。");
        }

        if (value.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return new("credit-code.character",
                "统一社会信用代码只能由数字和大写字母组成，且不使用 I、O、S、V、Z。");
        }

        if (!value.AsSpan(2, 6).ContainsOnlyDigits())
        {
            return new("credit-code.region", "统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为 6 位数字。");
        }

        if (ComputeCheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            return new("credit-code.checksum", "统一社会信用代码校验码（第 18 位）错误，请核对是否有输错的字符。");
        }

        if (ComputeOrganizationCheckCharacter(value.AsSpan(8, 8)) != value[16])
        {
            return new("credit-code.organization-checksum",
                "统一社会信用代码第 9–17 位（主体标识码/组织机构代码）的校验码不符合 GB 11714。");
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> is a valid code.</summary>
    /// <param name="value">The candidate code.</param>
    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>The 18th character for the first 17 (GB 32100-2015).</summary>
    /// <param name="first17">17 characters of <see cref="Alphabet"/>.</param>
    /// <exception cref="ArgumentException">Wrong length or a character outside <see cref="Alphabet"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException("Character outside the credit-code alphabet.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The 9th character of an organisation code (GB 11714) for its first 8.</summary>
    /// <param name="first8">8 digits or upper-case letters (A = 10 … Z = 35).</param>
    /// <exception cref="ArgumentException">Wrong length or a character that is not a digit or upper-case letter.</exception>
    public static char ComputeOrganizationCheckCharacter(ReadOnlySpan<char> first8)
    {
        if (first8.Length != 8)
        {
            throw new ArgumentException("Exactly 8 characters are needed.", nameof(first8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            var value = c is >= '0' and <= '9' ? c - '0'
                : c is >= 'A' and <= 'Z' ? c - 'A' + 10
                : throw new ArgumentException("Digits and upper-case letters only.", nameof(first8));
            sum += value * OrganizationWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }
}
