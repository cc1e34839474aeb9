using System.Text;
using Archive.Api.Console;

namespace Archive.Console.Tests;

/// <summary>TOTP and base 32 against their published test vectors.</summary>
public sealed class TotpTests
{
    // RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" and its 8-digit codes at the listed times.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Code_MatchesRfc6238Sha1Vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(Encoding.ASCII.GetBytes("12345678901234567890"), Totp.StepOf(unixSeconds), 8));

    [Fact]
    public void Verify_AcceptsOneStepOfDrift_AndRefusesReplays()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");
        var now = 1111111111L;
        var step = Totp.StepOf(now);
        Assert.Equal(step - 1, Totp.Verify(secret, Totp.Code(secret, step - 1), now, null));
        Assert.Equal(step + 1, Totp.Verify(secret, Totp.Code(secret, step + 1), now, null));
        Assert.Null(Totp.Verify(secret, Totp.Code(secret, step + 2), now, null));
        Assert.Null(Totp.Verify(secret, Totp.Code(secret, step), now, lastUsedStep: step));
        Assert.Null(Totp.Verify(secret, "12345", now, null));
    }

    // RFC 4648 section 10 test vectors (without padding, as authenticator apps use them).
    [Theory]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_RoundTripsRfc4648Vectors(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "======")));
    }
}
