using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Archive.Core.Errors;
using Archive.Ingest.Reading;

namespace Archive.Api.Grants;

/// <summary>
/// Masks personal identifiers in JSON records delivered to auditors (个人信息脱敏): resident identity numbers
/// (居民身份证号码, region prefix and last four kept, as <see cref="PersonalDataMask"/>), mobile numbers
/// (first three and last four kept) and landline numbers (area code and last four kept), in every string value and in
/// numbers of those shapes. Masking too much is the safe error.
/// </summary>
public static partial class PersonalDataMasker
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record with identifiers masked.</summary>
    /// <param name="json">The record's UTF-8 JSON.</param>
    /// <returns>The masked record, compact UTF-8 JSON.</returns>
    /// <exception cref="AccessWorkflowException">The bytes are not JSON: refused rather than delivered unmasked.</exception>
    public static byte[] MaskJson(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            throw new AccessWorkflowException(ErrorKind.Unprocessable, "access.mask-failed",
                "该记录不是有效的 JSON，无法进行个人信息脱敏，不予直接输出，请联系档案管理员。");
        }

        if (Walk(root) is { } replaced)
        {
            root = replaced;
        }

        return JsonSerializer.SerializeToUtf8Bytes(root, Output);
    }

    /// <summary>Masks identifiers in free text.</summary>
    /// <param name="text">The text.</param>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = PersonalDataMask.Mask(text)!;
        masked = Mobile().Replace(masked, m => m.Groups["prefix"].Value + m.Groups["head"].Value + "****" + m.Groups["tail"].Value);
        return Landline().Replace(masked, m => m.Groups["area"].Value + m.Groups["sep"].Value + new string('*', m.Groups["local"].Length - 4) + m.Groups["local"].Value[^4..]);
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

    [GeneratedRegex(@"(?<![0-9])(?<prefix>(?:\+?86[- ]?)?)(?<head>1[3-9][0-9])[0-9]{4}(?<tail>[0-9]{4})(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])(?<area>0[0-9]{2,3})(?<sep>[- ]?)(?<local>[0-9]{7,8})(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Landline();
}
