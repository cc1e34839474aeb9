using Archive.Ingest.Metadata.Internal;
using NodaTime;

namespace Archive.Ingest.Metadata;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, check character
/// (ISO 7064 MOD 11-2; <c>X</c> for 10). Personal data: messages never repeat the value; wrap it in
/// <see cref="PersonalIdentifier"/> before it can reach a log or a screen.
/// </summary>
public static class ResidentIdentityNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The first problem of <paramref name="value"/>, or null when valid.</summary>
    /// <param name="value">The candidate number (upper-case X only).</param>
    /// <param name="today">Today's date (Asia/Shanghai); a birth date after it is implausible.</param>
    public static IdentifierError? Validate(string? value, LocalDate today)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new("id-number.empty", "身份证号码不能为空。");
        }

        if (value.Length != 18)
        {
            return new("id-number.length", $"身份证号码应为 18 位，实际为 {value.Length} 位。");
        }

        if (!value.AsSpan(0, 17).ContainsOnlyDigits() || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            return new("id-number.character", "身份证号码前 17 位应为数字，第 18 位为数字或大写 X。");
        }

        if (value[0] == '0')
        {
            return new("id-number.region", "身份证号码前 6 位（地址码）无效。");
        }

        if (BirthDate(value) is not { } birth || birth.Year < 1900 || birth > today)
        {
            return new("id-number.birth-date", "身份证号码第 7–14 位（出生日期）不是合理的日期。");
        }

        if (ComputeCheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            return new("id-number.checksum", "身份证号码校验码（第 18 位）错误。");
        }

        return null;
    }

    /// <summary>The check character (ISO 7064 MOD 11-2) for the first 17 digits.</summary>
    /// <param name="first17">17 ASCII digits.</param>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || !first17.ContainsOnlyDigits())
        {
            throw new ArgumentException("Exactly 17 ASCII digits are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    private static LocalDate? BirthDate(string value)
    {
        var year = int.Parse(value.AsSpan(6, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(value.AsSpan(10, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(value.AsSpan(12, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return null;
        }

        return new LocalDate(year, month, day);
    }
}
