using Archive.Ingest.Metadata;
using Archive.Ingest.Metadata.Internal;

namespace Archive.Ingest.Tests.Metadata;

public class ProjectCodeTests
{
    [Theory]
    [InlineData("E5301000001000123", ProjectCodeKind.Project)]
    [InlineData("E5301000001000123001", ProjectCodeKind.TenderProject)]
    [InlineData("E5301000001000123001002", ProjectCodeKind.Lot)]
    [InlineData("0123456789ABCDEFGHIJ0123456789ABCDEFGHIJ", ProjectCodeKind.TransactionIdentifier)]
    [InlineData("YNZC2023-0456", ProjectCodeKind.Legacy)]
    [InlineData("E0000000001000123", ProjectCodeKind.Legacy)] // region 000000: not the specified form
    public void Parse_RecognisesForm_AndKeepsPlainCodesAsSegment(string value, ProjectCodeKind kind)
    {
        var code = ProjectCode.Parse(value);
        Assert.Equal(kind, code.Kind);
        Assert.Equal(value, code.Value);
        Assert.Equal(value, code.StorageSegment);
    }

    [Fact]
    public void RegionCode_IsReadFromSpecifiedForms()
    {
        Assert.Equal("530100", ProjectCode.Parse("E5301000001000123").RegionCode);
        Assert.Null(ProjectCode.Parse("YNZC2023-0456").RegionCode);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("CON")]
    [InlineData("con")]
    [InlineData("LPT1")]
    [InlineData("%2e%2e")]
    [InlineData(".hidden")]
    [InlineData("昆明市政工程 2023-01 号")]
    [InlineData("a:b*c?d\"e<f>g|h")]
    public void StorageSegment_IsOneSafeSegment_ForHostileCodes(string value)
    {
        var segment = ProjectCode.Parse(value).StorageSegment;
        AssertSafe(segment);
        Assert.Contains('%', segment);
        Assert.Equal(value, Uri.UnescapeDataString(segment));
    }

    [Fact]
    public void StorageSegment_IsCollisionFree_ForLookalikeCodes()
    {
        string[] codes = ["ab", "AB", "%41B", "A%42", "CON", "con", "%43ON", "..", "%2E%2E", "%2e%2e", "a b", "a+b", "a%20b"];
        var segments = codes.Select(c => ProjectCode.Parse(c).StorageSegment).ToList();
        Assert.Equal(codes.Length, segments.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void StorageSegment_IsSameForCanonicallyEquivalentCodes()
    {
        var composed = ProjectCode.Parse("café-1");
        var decomposed = ProjectCode.Parse("cafe\u0301-1");
        Assert.Equal(composed.StorageSegment, decomposed.StorageSegment);
        Assert.Equal(composed, decomposed);
    }

    [Fact]
    public void StorageSegment_IsHashedAndBounded_ForLongChineseCodes()
    {
        var long1 = new string('招', 49) + "甲";
        var long2 = new string('招', 49) + "乙";
        var s1 = ProjectCode.Parse(long1).StorageSegment;
        var s2 = ProjectCode.Parse(long2).StorageSegment;
        AssertSafe(s1);
        Assert.Contains('~', s1);
        Assert.True(s1.Length <= StorageSegmentEncoder.MaxLength, s1);
        Assert.NotEqual(s1, s2);
    }

    [Theory]
    [InlineData("A\u0000B")]
    [InlineData("a\nb")]
    [InlineData("\u202Eevil")]
    public void StorageSegment_IsSafe_EvenForStringsTheValidatorRejects(string value)
    {
        AssertSafe(StorageSegmentEncoder.Encode(value));
        AssertSafe(StorageSegmentEncoder.Encode(new string('x', 10_000)));
    }

    [Theory]
    [InlineData("A\u0000B", "project-code.character")]
    [InlineData("a\nb", "project-code.character")]
    [InlineData("\u202Eevil", "project-code.character")]
    [InlineData(" E5301000001000123", "project-code.whitespace")]
    [InlineData("", "project-code.empty")]
    public void Validate_Rejects_BrokenCodes(string value, string expected) =>
        Assert.Equal(expected, ProjectCode.Validate(value)?.Code);

    [Fact]
    public void Validate_Rejects_LoneSurrogate()
    {
        // Built in code: xunit's test-case serialisation would replace a lone surrogate by U+FFFD.
        var value = "a" + (char)0xD800 + "b";
        Assert.Equal("project-code.encoding", ProjectCode.Validate(value)?.Code);
        Assert.Matches("^[A-Z0-9_%~-]+$", StorageSegmentEncoder.Encode(value));
    }

    [Fact]
    public void Validate_Rejects_CodesLongerThanFifty()
    {
        Assert.Null(ProjectCode.Validate(new string('项', 50)));
        Assert.Equal("project-code.length", ProjectCode.Validate(new string('A', 51))?.Code);
        var e = Assert.Throws<InvalidIdentifierException>(() => ProjectCode.Parse(new string('A', 5000)));
        Assert.Equal("project-code.length", e.Error.Code);
    }

    [Fact]
    public void Validate_RejectsLegacy_WhenOnlySpecifiedFormsAreAllowed()
    {
        Assert.Equal("project-code.format", ProjectCode.Validate("YNZC2023-0456", allowLegacy: false)?.Code);
        Assert.Null(ProjectCode.Validate("E5301000001000123", allowLegacy: false));
    }

    private static void AssertSafe(string segment)
    {
        Assert.NotEmpty(segment);
        Assert.True(segment.Length <= StorageSegmentEncoder.MaxLength, segment);
        Assert.Matches("^[A-Z0-9_%~-]+$", segment);
        Assert.NotEqual(".", segment);
        Assert.NotEqual("..", segment);
        Assert.False(segment.StartsWith('.'));
        string[] reserved = ["CON", "PRN", "AUX", "NUL", "COM1", "LPT1"];
        Assert.DoesNotContain(segment, reserved);
        // A segment joined under a prefix stays directly under it.
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "prefix"));
        Assert.Equal(root, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(root, segment))));
    }
}
