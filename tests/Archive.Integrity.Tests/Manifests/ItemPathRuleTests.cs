using Archive.Integrity.Manifests;

namespace Archive.Integrity.Tests.Manifests;

/// <summary>Issue 9 point 6: the manifest and ingest apply one item-path rule, so no accepted path fails sealing.</summary>
public sealed class ItemPathRuleTests
{
    [Theory]
    [InlineData("\u3000公告/a.pdf", ItemPathViolation.BadSegment)]
    [InlineData("公告\u3000/a.pdf", ItemPathViolation.BadSegment)]
    [InlineData("公告/a.pdf ", ItemPathViolation.BadSegment)]
    [InlineData("公告/a.", ItemPathViolation.BadSegment)]
    [InlineData("a//b.pdf", ItemPathViolation.BadSegment)]
    [InlineData("../a.pdf", ItemPathViolation.BadSegment)]
    [InlineData("/a.pdf", ItemPathViolation.Absolute)]
    [InlineData("a\\b.pdf", ItemPathViolation.Absolute)]
    [InlineData("100%.pdf", ItemPathViolation.Percent)]
    [InlineData("a\u2028b.pdf", ItemPathViolation.ControlCharacter)]
    [InlineData("e\u0301.pdf", ItemPathViolation.Malformed)]
    public void ManifestItem_RefusesPath_WhenTheRuleDoes(string path, ItemPathViolation violation)
    {
        Assert.Equal(violation, ItemPathRule.Check(path));
        Assert.Throws<ArgumentException>(() => SampleManifests.Item(path));
    }

    [Theory]
    [InlineData("公告/交易 公告.pdf")]
    [InlineData("公告\u3000二/a.pdf")]
    [InlineData(".hidden/a.pdf")]
    public void ManifestItem_AcceptsPath_WhenTheRuleDoes(string path)
    {
        Assert.Null(ItemPathRule.Check(path));
        Assert.Equal(path, SampleManifests.Item(path).Path);
    }

    [Fact]
    public void Check_RefusesPath_WhenLongerThanTheLimits()
    {
        Assert.Null(ItemPathRule.Check(new string('a', ItemPathRule.MaxSegmentBytes)));
        Assert.Equal(ItemPathViolation.TooLong, ItemPathRule.Check(new string('a', ItemPathRule.MaxSegmentBytes + 1)));
        Assert.Equal(ItemPathViolation.TooLong, ItemPathRule.Check(string.Join('/', Enumerable.Repeat(new string('a', 200), 6))));
    }
}
