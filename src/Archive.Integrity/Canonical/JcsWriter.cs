using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Archive.Integrity.Canonical;

/// <summary>Writes a <see cref="JsonNode"/> tree in RFC 8785 canonical form.</summary>
internal static class JcsWriter
{
    private const int MaxDepth = 256;

    public static void Write(JsonNode? node, StringBuilder output, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CanonicalJsonException($"The JSON is nested deeper than {MaxDepth} levels.");
        }

        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                WriteObject(obj, output, depth);
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }

                    Write(array[i], output, depth + 1);
                }

                output.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
            default:
                throw new CanonicalJsonException($"Unsupported JSON node type {node.GetType().Name}.");
        }
    }

    private static void WriteObject(JsonObject obj, StringBuilder output, int depth)
    {
        // RFC 8785 §3.2.3: sort by the UTF-16 code units of the raw (unescaped) names.
        var members = obj.ToList();
        members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        output.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                output.Append(',');
            }

            WriteString(members[i].Key, output);
            output.Append(':');
            Write(members[i].Value, output, depth + 1);
        }

        output.Append('}');
    }

    private static void WriteValue(JsonValue value, StringBuilder output)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                output.Append("null");
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.String:
                WriteString(value.TryGetValue<string>(out var s) ? s : ReadBack<string>(value), output);
                break;
            case JsonValueKind.Number:
                output.Append(JcsNumber.Format(value.TryGetValue<double>(out var d) ? d : ReadBackNumber(value)));
                break;
            default:
                throw new CanonicalJsonException($"Unsupported JSON value kind {value.GetValueKind()}.");
        }
    }

    // Values wrapping other CLR types (long, decimal, Guid…) are read back through their JSON text.
    private static T ReadBack<T>(JsonValue value) =>
        JsonSerializer.Deserialize<T>(value.ToJsonString())
        ?? throw new CanonicalJsonException("A JSON value could not be read back.");

    private static double ReadBackNumber(JsonValue value) =>
        double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>RFC 8785 §3.2.2.2: escape only '"', '\\' and C0 controls; everything else verbatim.</summary>
    public static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case < ' ':
                    output.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        output.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new CanonicalJsonException($"The string contains a lone surrogate U+{(int)c:X4} (RFC 8785 §3.2.2.2).");
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }
}
