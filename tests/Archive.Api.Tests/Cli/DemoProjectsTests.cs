using Archive.Demo;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;

namespace Archive.Api.Tests.Cli;

public sealed class DemoProjectsTests
{
    [Fact]
    public void DemoProjects_CoverEveryTradingCategory()
    {
        Assert.Equal(TradingCategories.All.Order(StringComparer.Ordinal), DemoProjects.All.Select(p => p.Category).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DemoProjects_HaveValidCodesRegionsAndCreditCodes()
    {
        foreach (var p in DemoProjects.All)
        {
            Assert.Null(ProjectCode.Validate(p.Code));
            Assert.True(RegionCode.IsYunnan(p.Region), p.Region);
            Assert.Matches("^53(01|03|29)", p.Region);
            foreach (var party in new[] { p.Owner }.Concat(p.Agency is null ? [] : [p.Agency]).Concat(p.Bidders))
            {
                Assert.True(UnifiedSocialCreditCode.IsValid(party.CreditCode), $"{party.Name}: {party.CreditCode}");
            }
        }

        Assert.Contains(DemoProjects.All, p => ProjectCode.Parse(p.Code).Kind == ProjectCodeKind.Legacy && p.Category == "procurement");
        Assert.Contains(DemoProjects.All, p => p.Code.StartsWith('E') && ProjectCode.Parse(p.Code).Kind == ProjectCodeKind.Project);
    }
}
