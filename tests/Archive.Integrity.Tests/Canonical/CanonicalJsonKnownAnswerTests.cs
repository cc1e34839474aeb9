using System.Text;
using Archive.Integrity.Canonical;

namespace Archive.Integrity.Tests.Canonical;

public class CanonicalJsonKnownAnswerTests
{
    // Files copied byte for byte from https://github.com/cyberphone/json-canonicalization/tree/master/testdata
    // (input/*.json → output/*.json; simpleString's output from outhex/simpleString.txt).
    [Theory]
    [InlineData("arrays")]
    [InlineData("french")]
    [InlineData("simpleString")]
    [InlineData("structures")]
    [InlineData("unicode")]
    [InlineData("values")]
    [InlineData("weird")]
    public void Canonicalize_MatchesCyberphoneTestData(string name)
    {
        if (name == "arrays")
        {
            // input/arrays.json; its expected output is not in the copied set, so it is stated here.
            Assert.Equal("[56,{\"1\":[],\"10\":null,\"d\":true}]", Text(CanonicalJson.Canonicalize("[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]"u8)));
            return;
        }

        var input = SourceTreeFiles.Read($"Canonical/TestData/input/{name}.json");
        var expected = SourceTreeFiles.Read($"Canonical/TestData/output/{name}.json");

        Assert.Equal(Text(expected), Text(CanonicalJson.Canonicalize(input)));
        Assert.True(CanonicalJson.IsCanonical(expected));
    }

    [Fact]
    public void Canonicalize_ReproducesRfc8785Section324Example()
    {
        // RFC 8785 §3.2.4 input and its canonical UTF-8 bytes (given there in hex).
        var input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """u8;
        var expected = Convert.FromHexString(
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333" +
            "333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472" +
            "696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d");

        Assert.Equal(Text(expected), Text(CanonicalJson.Canonicalize(input)));
    }

    [Fact]
    public void Canonicalize_SortsRfc8785Section323Example()
    {
        // RFC 8785 §3.2.3: property names sorted by UTF-16 code units, not code points or locale.
        var input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """u8;

        var values = System.Text.Json.Nodes.JsonNode.Parse(CanonicalJson.Canonicalize(input))!.AsObject()
            .Select(p => (string)p.Value!).ToList();

        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
             "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            values);
    }

    // RFC 8785 Appendix B: IEEE 754 bit patterns and their JSON serialization.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Serialize_FormatsNumbersAsRfc8785AppendixB(string ieee754, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieee754, 16));

        Assert.Equal(expected, Text(CanonicalJson.Serialize(System.Text.Json.Nodes.JsonValue.Create(value))));
        // The parsed text must come back to itself.
        Assert.Equal(expected, Text(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(expected))));
    }

    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    [InlineData("fff0000000000000")]
    public void Serialize_Rejects_NaNAndInfinity(string ieee754)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieee754, 16));
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Serialize(System.Text.Json.Nodes.JsonValue.Create(value)));
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
