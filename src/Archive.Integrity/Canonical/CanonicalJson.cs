using System.Text;
using System.Text.Json.Nodes;

namespace Archive.Integrity.Canonical;

/// <summary>
/// The JSON Canonicalization Scheme, RFC 8785 (JCS): members sorted by UTF-16 code units,
/// ECMAScript number formatting, minimal string escaping, no whitespace, UTF-8 output.
/// Used for manifests and ledger entries, whose bytes are hashed and signed.
/// </summary>
public static class CanonicalJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Serializes a JSON tree canonically.</summary>
    /// <param name="node">The tree; <see langword="null"/> is the JSON literal null.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">A number is NaN or infinite, or a string holds a lone surrogate.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        JcsWriter.Write(node, builder, 0);
        return StrictUtf8.GetBytes(builder.ToString());
    }

    /// <summary>Canonicalizes JSON text.</summary>
    /// <param name="utf8Json">The JSON text, UTF-8 without a byte-order mark.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="CanonicalJsonException">The input is not valid JSON, repeats a member name, holds a lone surrogate, or a number overflows a double.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => Serialize(Parse(utf8Json));

    /// <summary>Parses JSON text strictly (duplicate names, lone surrogates and overflowing numbers rejected).</summary>
    /// <param name="utf8Json">The JSON text, UTF-8 without a byte-order mark.</param>
    /// <returns>The tree; <see langword="null"/> for the literal null. Numbers become doubles.</returns>
    /// <exception cref="CanonicalJsonException">The input is not acceptable JSON.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json) => StrictJsonParser.Parse(utf8Json);

    /// <summary>Tells whether bytes are already in canonical form.</summary>
    /// <param name="utf8Json">The bytes to check.</param>
    /// <returns><see langword="true"/> if canonicalizing them yields the same bytes.</returns>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Canonicalize(utf8Json).AsSpan().SequenceEqual(utf8Json);
        }
        catch (CanonicalJsonException)
        {
            return false;
        }
    }
}
