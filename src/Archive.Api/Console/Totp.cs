using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Archive.Api.Console;

/// <summary>
/// Time-based one-time passwords (动态口令) of RFC 6238 with HMAC-SHA-1, 30-second steps and 6 digits — what every
/// authenticator app accepts. Verification allows one step of clock drift either way.
/// </summary>
public static class Totp
{
    /// <summary>Seconds per step.</summary>
    public const int StepSeconds = 30;

    /// <summary>The time step of <paramref name="unixSeconds"/>.</summary>
    /// <param name="unixSeconds">Seconds since 1970-01-01T00:00:00Z.</param>
    public static long StepOf(long unixSeconds) => unixSeconds / StepSeconds;

    /// <summary>The code of <paramref name="step"/> (RFC 4226 dynamic truncation).</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="step">The time step.</param>
    /// <param name="digits">How many digits (6 to 8).</param>
    public static string Code(byte[] secret, long step, int digits = 6)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, mac);
        var offset = mac[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff) % Pow10(digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code <paramref name="code"/> is (the current step, or one before or after), or null. A step at or
    /// before <paramref name="lastUsedStep"/> is refused, so that an observed code cannot be replayed.
    /// </summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="code">The code entered.</param>
    /// <param name="unixSeconds">Now.</param>
    /// <param name="lastUsedStep">The step of the last code accepted, if any.</param>
    public static long? Verify(byte[] secret, string? code, long unixSeconds, long? lastUsedStep)
    {
        ArgumentNullException.ThrowIfNull(secret);
        code = code?.Trim();
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var now = StepOf(unixSeconds);
        for (var step = now - 1; step <= now + 1; step++)
        {
            if ((lastUsedStep is null || step > lastUsedStep)
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>The <c>otpauth://</c> URI an authenticator app enrols from.</summary>
    /// <param name="issuer">Who issues it (shown in the app).</param>
    /// <param name="account">The account (the login name).</param>
    /// <param name="secret">The shared secret.</param>
    public static string EnrolmentUri(string issuer, string account, byte[] secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}"
        + $"&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period={StepSeconds}";

    private static int Pow10(int digits)
    {
        var n = 1;
        for (var i = 0; i < digits; i++)
        {
            n *= 10;
        }

        return n;
    }
}
