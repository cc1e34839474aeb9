using Archive.Ingest.Metadata;
using Archive.Ingest.Submissions;

namespace Archive.Ingest.Tests.Submissions;

public class CodeOwnershipTests
{
    private static readonly CodeOwnership Kunming = new(["5301"], ["昆公资"]);

    [Theory]
    [InlineData("E5301000001000123", true)]   // specified form, region 530100
    [InlineData("Z5301020001000123", true)]   // a county of Kunming
    [InlineData("E5329000001000123", false)]  // Dali
    [InlineData("E5330100001000123", false)]  // 533010 starts with 53 but not 5301
    [InlineData("昆公资（2026）号/01", true)]  // free-form, bound prefix
    [InlineData("5301-LEGACY-01", false)]     // free-form codes own no region, whatever they start with
    public void Owns_MatchesTheEmbeddedRegionOrACodePrefix(string code, bool owned) =>
        Assert.Equal(owned, Kunming.Owns(ProjectCode.Parse(code)));

    [Fact]
    public void None_OwnsNothing() =>
        Assert.False(CodeOwnership.None.Owns(ProjectCode.Parse("E5301000001000123")));

    [Theory]
    [InlineData("53", true)]
    [InlineData("5301", true)]
    [InlineData("530102", true)]
    [InlineData("5", false)]
    [InlineData("53010", false)]
    [InlineData("53a1", false)]
    [InlineData(null, false)]
    public void IsRegion_AcceptsTwoFourOrSixDigits(string? value, bool valid) => Assert.Equal(valid, CodeOwnership.IsRegion(value));
}
