using System.Security.Cryptography;
using System.Text;

namespace Archive.Api.Principals;

/// <summary>Generation and hashing of bearer tokens. Only the SHA-256 of a token is ever stored.</summary>
public static class BearerTokens
{
    private const string Prefix = "arc_";

    /// <summary>A new random token: 256 bits, URL-safe.</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token. Tokens carry 256 bits of entropy, so a plain SHA-256 suffices.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether a token is well formed enough to be looked up (bounded length, printable ASCII).</summary>
    public static bool IsPlausible(string token) =>
        token.Length is >= 16 and <= 512 && token.All(c => c is > ' ' and < (char)127);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
