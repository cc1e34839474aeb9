using System.Globalization;
using System.Text;

namespace Archive.Integrity.Canonical;

/// <summary>
/// RFC 8785 §3.2.2.3 number serialization: ECMAScript's Number.prototype.toString
/// (ECMA-262 §7.1.12.1 Number::toString) applied to the shortest round-trip digits.
/// </summary>
internal static class JcsNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new CanonicalJsonException("NaN and Infinity have no JSON representation (RFC 8785 §3.2.2.3).");
        }

        if (value == 0)
        {
            // Covers -0 as well, which ECMAScript prints as "0".
            return "0";
        }

        var (digits, n) = ShortestDigits(Math.Abs(value));
        var k = digits.Length;
        var builder = new StringBuilder(32);
        if (value < 0)
        {
            builder.Append('-');
        }

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exponent = n - 1;
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits, 1, k - 1);
            }

            builder.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The shortest digit string s (no leading or trailing zeros) and exponent n with
    /// value = 0.s × 10^n, taken from .NET's shortest round-trip formatting ("R").
    /// </summary>
    private static (string Digits, int N) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var fractionPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];

        // value = 0.(integerPart fractionPart) × 10^(len(integerPart) + exponent), then normalize.
        var all = integerPart + fractionPart;
        var n = integerPart.Length + exponent;
        var leading = 0;
        while (leading < all.Length && all[leading] == '0')
        {
            leading++;
        }

        var digits = all[leading..].TrimEnd('0');
        return (digits, n - leading);
    }
}
