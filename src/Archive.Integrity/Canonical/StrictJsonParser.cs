using System.Text.Json;
using System.Text.Json.Nodes;

namespace Archive.Integrity.Canonical;

/// <summary>
/// Parses RFC 8259 JSON into a <see cref="JsonNode"/> tree, rejecting what RFC 8785 (I-JSON)
/// forbids: duplicate member names, lone surrogates, and numbers outside the double range.
/// </summary>
internal static class StrictJsonParser
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 256,
    };

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, Options);
            if (!reader.Read())
            {
                throw new CanonicalJsonException("The input holds no JSON value.");
            }

            var root = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new CanonicalJsonException("The input has content after the JSON value.");
            }

            return root;
        }
        catch (JsonException ex)
        {
            throw new CanonicalJsonException($"The input is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 and lone-surrogate escapes this way.
            throw new CanonicalJsonException($"The input is not valid JSON text: {ex.Message}", ex);
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(ReadString(ref reader));
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new CanonicalJsonException("A number is outside the IEEE 754 double range (RFC 8785 §3.2.2.3).");
                }

                return JsonValue.Create(number);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new CanonicalJsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static JsonObject ReadObject(ref Utf8JsonReader reader)
    {
        var obj = new JsonObject();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = ReadString(ref reader);
            if (obj.ContainsKey(name))
            {
                throw new CanonicalJsonException($"Duplicate member name \"{name}\" (RFC 8785 §3.1, I-JSON).");
            }

            reader.Read();
            obj.Add(name, ReadValue(ref reader));
        }

        return obj;
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        var text = reader.GetString() ?? string.Empty;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new CanonicalJsonException("A string contains a lone surrogate (RFC 8785 §3.2.2.2).");
            }
        }

        return text;
    }
}
