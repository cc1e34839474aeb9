using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Archive.Ingest.Reading;

/// <summary>
/// The one masking of personal data (个人信息脱敏) in what the archive shows: resident identity numbers (居民身份证号码,
/// 18 characters or the old 15-digit form) keep the region prefix (6) and the last 4 characters, never the birth date
/// and sequence; mobile numbers keep the first three and last four digits; landline numbers the area code and last four.
/// Any run of those shapes is masked, checksum or not: masking too much is the safe error. The catalogue masks identity
/// numbers in its free text (<see cref="Mask"/>); records delivered to auditors are masked whole (<see cref="TryMaskJson"/>).
/// </summary>
public static partial class PersonalDataMask
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text with every identity-number-shaped run masked; null stays null.</summary>
    /// <param name="text">Free text, e.g. a project name.</param>
    public static string? Mask(string? text) =>
        text is null ? null : IdentityNumber().Replace(text, m => m.Value[..6] + new string('*', m.Value.Length - 10) + m.Value[^4..]);

    /// <summary>The text with identity, mobile and landline numbers masked.</summary>
    /// <param name="text">Free text.</param>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = Mask(text)!;
        masked = Mobile().Replace(masked, m => m.Groups["prefix"].Value + m.Groups["head"].Value + "****" + m.Groups["tail"].Value);
        return Landline().Replace(masked, m => m.Groups["area"].Value + m.Groups["sep"].Value + new string('*', m.Groups["local"].Length - 4) + m.Groups["local"].Value[^4..]);
    }

    /// <summary>
    /// A JSON record with <see cref="MaskText"/> applied to every string, and to every number of those shapes (which
    /// becomes a string), at any depth; the structure is kept.
    /// </summary>
    /// <param name="json">The record's UTF-8 JSON.</param>
    /// <param name="masked">The masked record, compact UTF-8 JSON; empty when the bytes are not JSON.</param>
    /// <returns>False when the bytes are not JSON: such a record must be refused, never delivered unmasked.</returns>
    public static bool TryMaskJson(ReadOnlySpan<byte> json, out byte[] masked)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            masked = [];
            return false;
        }

        if (Walk(root) is { } replaced)
        {
            root = replaced;
        }

        masked = JsonSerializer.SerializeToUtf8Bytes(root, Output);
        return true;
    }

    /// <summary>Masks in place; returns a replacement for <paramref name="node"/> when a value itself changes, else null.</summary>
    private static JsonNode? Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (Walk(obj[name]) is { } replacement)
                    {
                        obj[name] = replacement;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Walk(array[i]) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number:
                // A phone or ID number stored as a JSON number is still personal: masked, it becomes a string.
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                var masked = MaskText(text);
                return masked == text ? null : JsonValue.Create(masked);
            default:
                return null;
        }
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9A-Za-z])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdentityNumber();

    [GeneratedRegex(@"(?<![0-9])(?<prefix>(?:\+?86[- ]?)?)(?<head>1[3-9][0-9])[0-9]{4}(?<tail>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])(?<area>0[0-9]{2,3})(?<sep>[- ]?)(?<local>[0-9]{7,8})(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Landline();
}
