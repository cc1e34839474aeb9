using System.Text;
using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using FsCheck;
using FsCheck.Xunit;

namespace Archive.Integrity.Tests.Canonical;

public class CanonicalJsonTests
{
    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":{\"b\":1,\"b\":1}}")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00x\"")]
    [InlineData("{\"\\ud83d\":1}")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("// c\n1")]
    [InlineData("NaN")]
    [InlineData("01")]
    [InlineData("'a'")]
    [InlineData("1 2")]
    [InlineData("")]
    [InlineData("{\"a\":1}x")]
    public void Canonicalize_Rejects_InvalidInput(string json) =>
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Canonicalize_Rejects_InvalidUtf8()
    {
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize([0x22, 0xff, 0x22]));
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize([0x22, 0xed, 0xa0, 0x80, 0x22])); // UTF-8 encoded surrogate
    }

    [Fact]
    public void Serialize_Rejects_LoneSurrogateInNode()
    {
        var lone = new string((char)0xd800, 1);
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(JsonValue.Create(lone)));
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(new JsonObject { [lone] = 1 }));
    }

    [Fact]
    public void Serialize_EscapesOnlyWhatRfc8785Requires()
    {
        var text = "\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\u007f\u2028<>&'é中😀";

        var json = Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonValue.Create(text)));

        Assert.Equal("\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u2028<>&'é中😀\"", json);
    }

    [Fact]
    public void Serialize_HandlesClrNumberTypes()
    {
        // A float is the JSON number System.Text.Json writes for it (0.1), not its widened double.
        var node = new JsonObject { ["i"] = 42, ["l"] = 9007199254740991L, ["m"] = 4.50m, ["f"] = 0.1f, ["d"] = -0.0 };
        Assert.Equal("{\"d\":0,\"f\":0.1,\"i\":42,\"l\":9007199254740991,\"m\":4.5}", Encoding.UTF8.GetString(CanonicalJson.Serialize(node)));
    }

    [Fact]
    public void Serialize_WritesNullNodeAsNull() =>
        Assert.Equal("null"u8.ToArray(), CanonicalJson.Serialize(null));

    [Fact]
    public void IsCanonical_DetectsWhitespaceAndOrder()
    {
        Assert.True(CanonicalJson.IsCanonical("{\"a\":1,\"b\":[true,null]}"u8));
        Assert.False(CanonicalJson.IsCanonical("{\"b\":1,\"a\":1}"u8));
        Assert.False(CanonicalJson.IsCanonical("{\"a\": 1}"u8));
        Assert.False(CanonicalJson.IsCanonical("{\"a\":1.0}"u8));
        Assert.False(CanonicalJson.IsCanonical("{\"a\":1,\"a\":1}"u8));
    }

    [Property(MaxTest = 5000)]
    public bool Numbers_RoundTripExactly_AndCanonicalizeIdempotently(NormalFloat value)
    {
        var bytes = CanonicalJson.Serialize(JsonValue.Create(value.Get));
        var text = Encoding.UTF8.GetString(bytes);
        var parsed = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return (parsed == value.Get || (parsed == 0 && value.Get == 0))
            && CanonicalJson.Canonicalize(bytes).AsSpan().SequenceEqual(bytes)
            && !text.Contains('E', StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public bool Numbers_RoundTrip_ForArbitraryBitPatterns(long bits)
    {
        var value = BitConverter.Int64BitsToDouble(bits);
        if (!double.IsFinite(value))
        {
            return true;
        }

        var text = Encoding.UTF8.GetString(CanonicalJson.Serialize(JsonValue.Create(value)));
        var parsed = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return parsed == value && CanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(text));
    }

    [Property(MaxTest = 1000)]
    public bool Strings_RoundTrip_ThroughCanonicalForm(NonNull<string> value)
    {
        var s = value.Get;
        if (HasLoneSurrogate(s))
        {
            return ThrowsCanonical(() => CanonicalJson.Serialize(JsonValue.Create(s)));
        }

        var bytes = CanonicalJson.Serialize(JsonValue.Create(s));
        return JsonNode.Parse(bytes)!.GetValue<string>() == s && CanonicalJson.IsCanonical(bytes);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ThrowsCanonical(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (CanonicalJsonException)
        {
            return true;
        }
    }
}
