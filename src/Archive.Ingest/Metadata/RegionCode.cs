using Archive.Ingest.Metadata.Internal;

namespace Archive.Ingest.Metadata;

/// <summary>行政区划代码 (GB/T 2260): six digits; <c>53xxxx</c> is Yunnan (e.g. 530100 昆明市).</summary>
public static class RegionCode
{
    /// <summary>The province part of Yunnan's codes.</summary>
    public const string YunnanProvince = "53";

    /// <summary>The first problem of <paramref name="value"/>, or null when it is six digits and not 000000.</summary>
    /// <param name="value">The candidate code.</param>
    public static IdentifierError? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new("region.empty", "行政区划代码不能为空。");
        }

        if (value.Length != 6 || !value.AsSpan().ContainsOnlyDigits())
        {
            return new("region.format", "行政区划代码应为 6 位数字。");
        }

        if (value == "000000")
        {
            return new("region.format", "行政区划代码不能为 000000。");
        }

        return null;
    }

    /// <summary>Whether a valid code lies in Yunnan (province part 53).</summary>
    /// <param name="value">The candidate code.</param>
    public static bool IsYunnan(string? value) =>
        Validate(value) is null && value!.StartsWith(YunnanProvince, StringComparison.Ordinal);
}
