using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Integrity.Notes;

/// <summary>Encoding rules shared by note signer and verifier keys (C2SP signed-note).</summary>
internal static class NoteKeys
{
    public const byte AlgorithmEd25519 = 0x01;
    public const int Ed25519KeySize = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Key names are non-empty, valid UTF-8, without whitespace or '+' (as in Go's note package).</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsWhiteSpace(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first four bytes, big-endian, of SHA-256(name ‖ "\n" ‖ algorithm ‖ public key).</summary>
    public static uint KeyHash(string name, ReadOnlySpan<byte> algorithmAndKey)
    {
        var nameBytes = StrictUtf8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 1 + algorithmAndKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = (byte)'\n';
        algorithmAndKey.CopyTo(buffer.AsSpan(nameBytes.Length + 1));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    public static string FormatHash(uint hash) => hash.ToString("x8", CultureInfo.InvariantCulture);

    public static bool TryParseHash(string text, out uint hash)
    {
        hash = 0;
        return text.Length == 8
            && text.All(char.IsAsciiHexDigit)
            && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
    }

    /// <summary>Standard, padded base64 only: .NET's decoder would otherwise skip embedded whitespace.</summary>
    public static byte[]? TryDecodeBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return null;
            }
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static byte[] WithAlgorithm(ReadOnlySpan<byte> key)
    {
        var result = new byte[1 + key.Length];
        result[0] = AlgorithmEd25519;
        key.CopyTo(result.AsSpan(1));
        return result;
    }
}
