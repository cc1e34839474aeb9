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

    /// <summary>
    /// The signature type of SM2 note signatures: 0xff (C2SP's byte for types it does not assign) followed by the DER
    /// encoding of the OID of SM2 signing with SM3, 1.2.156.10197.1.501 (GM/T 0006), which cannot collide.
    /// </summary>
    public static ReadOnlySpan<byte> Sm2Type => [0xff, 0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x83, 0x75];

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

    public static byte[] WithAlgorithm(ReadOnlySpan<byte> key) => WithType([AlgorithmEd25519], key);

    public static byte[] WithType(ReadOnlySpan<byte> type, ReadOnlySpan<byte> key)
    {
        var result = new byte[type.Length + key.Length];
        type.CopyTo(result);
        key.CopyTo(result.AsSpan(type.Length));
        return result;
    }

    /// <summary>Splits <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64&gt;</c> (after any <c>PRIVATE+KEY+</c> prefix); null when malformed.</summary>
    public static (string Name, uint Hash, byte[] TypedKey)? TrySplit(string text)
    {
        var parts = text.Split('+', 3);
        if (parts.Length != 3 || !IsValidName(parts[0]) || !TryParseHash(parts[1], out var hash))
        {
            return null;
        }

        var key = TryDecodeBase64(parts[2]);
        return key is null ? null : (parts[0], hash, key);
    }
}
