using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Text;

namespace Archive.Integrity.Canonical;

/// <summary>
/// Parses RFC 8259 JSON into a <see cref="JsonNode"/> tree, rejecting what RFC 8785 (I-JSON) forbids: duplicate
/// member names (left to the parser, <see cref="JsonDocumentOptions.AllowDuplicateProperties"/>), lone surrogates and
/// numbers outside the double range (checked here, over the parsed tree).
/// </summary>
internal static class StrictJsonParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 256,
    };

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var root = JsonNode.Parse(utf8Json, documentOptions: Options);
            Check(root);
            return root;
        }
        catch (JsonException ex)
        {
            throw new CanonicalJsonException($"The input is not valid JSON (RFC 8785 §3.1 forbids duplicate member names): {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Reading a string back reports invalid UTF-8 and lone-surrogate escapes this way.
            throw new CanonicalJsonException($"The input is not valid JSON text: {ex.Message}", ex);
        }
    }

    private static void Check(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    CheckString(name);
                    Check(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Check(item);
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(value.GetValue<string>());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (!value.TryGetValue<JsonElement>(out var element) || !element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new CanonicalJsonException("A number is outside the IEEE 754 double range (RFC 8785 §3.2.2.3).");
                }
                break;
            default:
                break;
        }
    }

    private static void CheckString(string text)
    {
        if (!Utf16Text.IsWellFormed(text))
        {
            throw new CanonicalJsonException("A string contains a lone surrogate (RFC 8785 §3.2.2.2).");
        }
    }
}
