using Archive.Ingest.Policies;

namespace Archive.Ingest.Tests.Policies;

public class CommittedPoliciesTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(PolicyFolder.Committed());

    [Fact]
    public void Load_CoversEveryCategoryWithItsOwnFile_WhenReadingCommittedFolder()
    {
        foreach (var category in TradingCategories.All)
        {
            Assert.True(Catalog.HasOwnPolicy(category), category);
            var policy = Catalog.Get(category);
            Assert.Equal(category, policy.Category);
            Assert.Equal(category + ".yaml", Path.GetFileName(policy.SourceFile));
        }

        Assert.Equal(6, Directory.GetFiles(PolicyFolder.Committed(), "*.yaml").Length);
    }

    [Theory]
    [InlineData("engineering", "工程建设招投标", 30, "project-completion", BasisStatus.Standard)]
    [InlineData("procurement", "政府采购", 15, "procurement-end", BasisStatus.Law)]
    [InlineData("land", "土地使用权出让", null, "transaction-end", BasisStatus.Choice)]
    [InlineData("mining", "矿业权出让", null, "transaction-end", BasisStatus.Choice)]
    [InlineData("state-assets", "国有产权交易", 30, "transaction-end", BasisStatus.Choice)]
    [InlineData("other", "其他", 15, "project-completion", BasisStatus.Choice)]
    public void Get_ReturnsDomainRetention_ForEachCategory(
        string category, string title, int? years, string startsAt, BasisStatus status)
    {
        var policy = Catalog.Get(category);
        Assert.Equal(title, policy.Title);
        Assert.Equal(years, policy.Retention.Period.Years);
        Assert.Equal(startsAt, policy.Retention.StartsAt);
        Assert.Equal(status, policy.Retention.Status);
    }

    [Fact]
    public void Engineering_HasPermanentContractAndTenYearAv_PerDomainTable()
    {
        var policy = Catalog.Get(TradingCategories.Engineering);
        Assert.True(policy.RulesFor("contract")[0].Period.IsPermanent);
        Assert.True(policy.RulesFor("award-notice")[0].Period.IsPermanent);
        Assert.Equal(10, policy.RulesFor("unsuccessful-bid-documents")[0].Period.Years);
        Assert.Equal(10, policy.RulesFor("av-recording")[0].Period.Years);
        Assert.Equal(30, policy.RulesFor("tender-documents").Single().Period.Years);
    }

    [Theory]
    [InlineData("engineering", "tender-notice")]
    [InlineData("procurement", "procurement-notice")]
    [InlineData("land", "transfer-notice")]
    [InlineData("mining", "transfer-notice")]
    [InlineData("state-assets", "disclosure-notice")]
    [InlineData("other", "transaction-notice")]
    public void Notices_AreKeptAtLeastTenYearsFromPublication_InEveryCategory(string category, string role)
    {
        var floor = Catalog.Get(category).RulesFor(role).Single(r => r.StartsAt == RetentionEvents.Publication);
        Assert.Equal(10, floor.Period.Years);
        Assert.Equal(BasisStatus.Law, floor.Status);
    }

    [Fact]
    public void Engineering_ChecklistCoversDomainItems()
    {
        var titles = Catalog.Get(TradingCategories.Engineering).Checklist
            .SelectMany(i => i.Alternatives.Select(a => a.Title).Prepend(i.Title)).ToList();
        foreach (var expected in new[]
                 {
                     "招标项目/标段信息", "招标公告", "投标邀请书", "招标文件", "投标文件", "开标记录",
                     "评标委员会名单/专家抽取记录", "评标报告", "中标候选人公示", "中标结果公告", "中标通知书",
                     "合同", "流程审批记录", "资格预审公告", "资格预审文件", "资格预审申请文件", "资格审查报告",
                     "资格预审结果通知书", "开评标音视频", "踏勘通知", "投标保证金凭证", "评标澄清", "异议及答复",
                     "投诉及行政监督文件", "异常情况报告", "招标代理合同", "照片",
                 })
        {
            Assert.Contains(expected, titles);
        }
    }

    [Fact]
    public void Procurement_RequiresThirteenItems_WithoutFlags()
    {
        var policy = Catalog.Get(TradingCategories.Procurement);
        var required = policy.Checklist.Where(i => i.IsRequiredFor(new Dictionary<string, bool>())).ToList();
        Assert.Equal(13, required.Count);
        Assert.Contains(required, i => i.Title == "验收证明");
    }
}
