using Archive.Ingest.Policies;

namespace Archive.Ingest.Tests.Policies;

public class ChecklistEvaluatorTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(PolicyFolder.Committed());
    private static readonly Dictionary<string, bool> NoFlags = [];

    /// <summary>The own role of every item required with these flags: a complete submission.</summary>
    private static List<string> RequiredRoles(RetentionPolicy policy, IReadOnlyDictionary<string, bool> flags) =>
        policy.Checklist.Where(i => i.IsRequiredFor(flags)).Select(i => i.Role).ToList();

    [Theory]
    [InlineData("engineering")]
    [InlineData("procurement")]
    [InlineData("land")]
    [InlineData("mining")]
    [InlineData("state-assets")]
    [InlineData("other")]
    public void Evaluate_FindsNoProblem_WhenAllRequiredRolesArePresent(string category)
    {
        var policy = Catalog.Get(category);
        var roles = RequiredRoles(policy, NoFlags);
        Assert.NotEmpty(roles);
        Assert.Empty(ChecklistEvaluator.Evaluate(policy, NoFlags, roles));
    }

    [Theory]
    [InlineData("engineering")]
    [InlineData("procurement")]
    [InlineData("land")]
    [InlineData("mining")]
    [InlineData("state-assets")]
    [InlineData("other")]
    public void Evaluate_ListsEveryMissingItem_WhenSeveralAreMissing(string category)
    {
        var policy = Catalog.Get(category);
        var all = RequiredRoles(policy, NoFlags);
        var missing = all.Where((_, i) => i % 2 == 0).ToList();
        var present = all.Except(missing).ToList();

        var problems = ChecklistEvaluator.Evaluate(policy, NoFlags, present);

        Assert.Equal(missing, problems.Select(p => p.Role));
        foreach (var problem in problems)
        {
            var item = policy.FindItem(problem.Role)!;
            Assert.Equal(ChecklistProblem.MissingRole, problem.Code);
            Assert.Contains(item.Title, problem.Message, StringComparison.Ordinal);
            Assert.Contains(item.Role, problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_NamesChineseTitles_WhenEngineeringSubmissionIsEmpty()
    {
        var policy = Catalog.Get(TradingCategories.Engineering);
        var problems = ChecklistEvaluator.Evaluate(policy, NoFlags, []);
        Assert.Equal(12, problems.Count);
        Assert.Equal("缺少必须归档的材料：招标公告（tender-notice）或投标邀请书（invitation-to-bid）。", problems[1].Message);
        Assert.Contains(problems, p => p.Message.Contains("评标报告（evaluation-report）", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_AcceptsAlternative_WhenInvitationReplacesTenderNotice()
    {
        var policy = Catalog.Get(TradingCategories.Engineering);
        var roles = RequiredRoles(policy, NoFlags).Select(r => r == "tender-notice" ? "invitation-to-bid" : r);
        Assert.Empty(ChecklistEvaluator.Evaluate(policy, NoFlags, roles));
    }

    [Fact]
    public void Evaluate_AcceptsSingleSourcePublicity_InsteadOfProcurementNotice()
    {
        var policy = Catalog.Get(TradingCategories.Procurement);
        var roles = RequiredRoles(policy, NoFlags).Select(r => r == "procurement-notice" ? "single-source-publicity" : r);
        Assert.Empty(ChecklistEvaluator.Evaluate(policy, NoFlags, roles));
    }

    [Theory]
    [InlineData("engineering", "fullyElectronic", "av-recording", "开评标音视频")]
    [InlineData("engineering", "hasCorrections", "clarification-amendment", "招标文件澄清、修改")]
    [InlineData("procurement", "centreRanOpening", "av-recording", "开标、评审录音录像")]
    [InlineData("procurement", "hasComplaints", "complaint-decisions", "投诉处理决定")]
    [InlineData("state-assets", "hasPreDisclosure", "pre-disclosure", "信息预披露")]
    [InlineData("land", "onSiteAuction", "hall-recording", "拍卖厅音视频")]
    [InlineData("mining", "electronicAuction", "auction-screen-recording", "电子竞价桌面录屏")]
    [InlineData("engineering", "centreDrewExperts", "expert-draw-recording", "专家抽取音视频")]
    [InlineData("state-assets", "hasComplaints", "complaint-decisions", "投诉处理决定")]
    [InlineData("other", "hasMisconduct", "misconduct-records", "不良行为记录")]
    [InlineData("procurement", "suspended", "suspension-notice", "暂停（中止）公告")]
    public void Evaluate_RequiresConditionalItem_WhenItsFlagIsSet(string category, string flag, string role, string title)
    {
        var policy = Catalog.Get(category);
        var complete = RequiredRoles(policy, NoFlags);
        Assert.Empty(ChecklistEvaluator.Evaluate(policy, new Dictionary<string, bool> { [flag] = false }, complete));

        var problem = Assert.Single(ChecklistEvaluator.Evaluate(policy, new Dictionary<string, bool> { [flag] = true }, complete));
        Assert.Equal(role, problem.Role);
        Assert.Contains(title, problem.Message, StringComparison.Ordinal);
        Assert.Contains(flag, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RequiresAllFivePrequalificationItems_WhenPrequalificationIsSet()
    {
        var policy = Catalog.Get(TradingCategories.Engineering);
        var flags = new Dictionary<string, bool> { ["prequalification"] = true };
        var problems = ChecklistEvaluator.Evaluate(policy, flags, RequiredRoles(policy, NoFlags));
        Assert.Equal(5, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("prequalification-", p.Role, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WaivesAwardStage_WhenProjectIsTerminated()
    {
        var policy = Catalog.Get(TradingCategories.Engineering);
        var flags = new Dictionary<string, bool> { ["terminated"] = true, ["fullyElectronic"] = true };
        var problems = ChecklistEvaluator.Evaluate(policy, flags, ["project-record", "tender-notice", "tender-documents"]);
        // A terminated project still owes its termination notice (issue 11 §2, seed §5.4.7).
        Assert.Equal(["approval-records", "termination-notice"], problems.Select(p => p.Role));
    }

    [Fact]
    public void Evaluate_ReportsUnknownRoles_AfterMissingOnes()
    {
        var policy = Catalog.Get(TradingCategories.Other);
        var roles = RequiredRoles(policy, NoFlags).Skip(1).Append("tender-notic").Append("Bid Documents");
        var problems = ChecklistEvaluator.Evaluate(policy, NoFlags, roles);
        Assert.Equal(
            [ChecklistProblem.MissingRole, ChecklistProblem.UnknownRole, ChecklistProblem.UnknownRole],
            problems.Select(p => p.Code));
        Assert.Equal(["project-record", "Bid Documents", "tender-notic"], problems.Select(p => p.Role));
        Assert.Contains("未知的归档材料类型“tender-notic”", problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AcceptsOptionalAndRepeatedRoles()
    {
        var policy = Catalog.Get(TradingCategories.Engineering);
        var roles = RequiredRoles(policy, NoFlags).Concat(["bid-documents", "bid-documents", "photos"]);
        Assert.Empty(ChecklistEvaluator.Evaluate(policy, NoFlags, roles));
    }
}
