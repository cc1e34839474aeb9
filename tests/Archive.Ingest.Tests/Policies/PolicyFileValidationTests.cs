using Archive.Ingest.Policies;

namespace Archive.Ingest.Tests.Policies;

public class PolicyFileValidationTests
{
    private static PolicyFileException LoadBroken(string yaml)
    {
        using var folder = PolicyFolder.With(("other.yaml", PolicyFolder.MinimalOther), ("broken.yaml", yaml));
        var e = Assert.Throws<PolicyFileException>(() => PolicyCatalog.Load(folder.Path));
        Assert.Equal("broken.yaml", Path.GetFileName(e.FilePath));
        Assert.Contains("broken.yaml", e.Message, StringComparison.Ordinal);
        return e;
    }

    private static string Policy(string checklist, string retentionExtra = "", string top = "") => $"""
        id: sample
        category: engineering
        title: 工程建设招投标
        version: 1
        {top}
        retention:
          period: 30
          startsAt: project-completion
          basis: DA/T 103-2024 第9.3条
          status: std
        {retentionExtra}
        checklist:
        {checklist}
        """;

    private const string TenderNotice = """
          - role: tender-notice
            title: 招标公告
            requirement: required
        """;

    [Fact]
    public void Load_Succeeds_WhenSampleIsValid()
    {
        using var folder = PolicyFolder.With(("other.yaml", PolicyFolder.MinimalOther), ("e.yaml", Policy(TenderNotice)));
        var catalog = PolicyCatalog.Load(folder.Path);
        Assert.Equal("sample", catalog.Get("engineering").Id);
    }

    [Fact]
    public void Load_NamesLineOfUnknownKey_WhenTopLevelKeyIsMisspelled()
    {
        var e = LoadBroken(Policy(TenderNotice, top: "titel: 笔误"));
        Assert.Equal(5, e.Line);
        Assert.Contains("titel", e.Message, StringComparison.Ordinal);
        Assert.Contains("第 5 行", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesLineOfUnknownKey_WhenChecklistItemHasExtraKey()
    {
        var e = LoadBroken(Policy(TenderNotice + "\n    mandatory: yes"));
        Assert.Equal(16, e.Line);
        Assert.Contains("mandatory", e.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesLineOfSecondRole_WhenRoleIsDuplicated()
    {
        var e = LoadBroken(Policy(TenderNotice + "\n" + TenderNotice));
        Assert.Equal(16, e.Line);
        Assert.Contains("重复", e.ReasonZh, StringComparison.Ordinal);
        Assert.Contains("duplicate role 'tender-notice'", e.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsDuplicate_WhenAlternativeRepeatsAnItemRole()
    {
        var e = LoadBroken(Policy(TenderNotice + """

              - role: invitation
                title: 投标邀请书
                requirement: optional
                alternatives:
                  - role: tender-notice
                    title: 招标公告
            """));
        Assert.Equal(20, e.Line);
    }

    [Fact]
    public void Load_NamesCategoryLine_WhenCategoryIsUnknown()
    {
        var e = LoadBroken(Policy(TenderNotice).Replace("category: engineering", "category: forestry", StringComparison.Ordinal));
        Assert.Equal(2, e.Line);
        Assert.Contains("forestry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rejects_WhenTitleIsNotChinese()
    {
        var e = LoadBroken(Policy(TenderNotice.Replace("招标公告", "Tender notice", StringComparison.Ordinal)));
        Assert.Equal(14, e.Line);
        Assert.Contains("中文", e.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NamesItemLine_WhenTitleIsMissing()
    {
        var e = LoadBroken(Policy("""
              - role: tender-notice
                requirement: required
            """));
        Assert.Equal(13, e.Line);
        Assert.Contains("title", e.ReasonEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("period: 0")]
    [InlineData("period: -5")]
    [InlineData("period: forever")]
    [InlineData("period: 30.5")]
    public void Load_NamesPeriodLine_WhenPeriodIsBad(string period)
    {
        var e = LoadBroken(Policy(TenderNotice).Replace("period: 30", period, StringComparison.Ordinal));
        Assert.Equal(7, e.Line);
        Assert.Contains("period", e.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rejects_WhenConditionalHasNoCondition()
    {
        var e = LoadBroken(Policy(TenderNotice.Replace("required", "conditional", StringComparison.Ordinal)));
        Assert.Equal(13, e.Line);
        Assert.Contains("condition", e.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rejects_WhenRequiredItemHasCondition()
    {
        var e = LoadBroken(Policy(TenderNotice + "\n    condition: prequalification"));
        Assert.Equal(16, e.Line);
    }

    [Fact]
    public void Load_Rejects_WhenOverrideNamesUnknownRole()
    {
        var e = LoadBroken(Policy(TenderNotice, retentionExtra: """
            overrides:
              - roles: [contract]
                period: permanent
                startsAt: project-completion
                basis: 永久保存
                status: unverified
            """));
        Assert.Equal(12, e.Line);
        Assert.Contains("contract", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsParserLine_WhenYamlIsMalformed()
    {
        var e = LoadBroken("id: sample\ncategory: engineering\ntitle: [unclosed\nversion: 1\n");
        // The flow sequence opened on line 3 is still open when the scanner fails on line 4.
        Assert.Equal(4, e.Line);
        Assert.NotNull(e.InnerException);
        Assert.Contains("YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsLine_WhenMappingKeyIsDuplicated()
    {
        var e = LoadBroken(Policy(TenderNotice, top: "title: 重复的标题"));
        Assert.Equal(5, e.Line);
        Assert.Contains("title", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_Rejects_WhenTwoFilesClaimOneCategory()
    {
        using var folder = PolicyFolder.With(
            ("other.yaml", PolicyFolder.MinimalOther),
            ("a.yaml", Policy(TenderNotice)),
            ("b.yaml", Policy(TenderNotice).Replace("id: sample", "id: sample-b", StringComparison.Ordinal)));
        var e = Assert.Throws<PolicyFileException>(() => PolicyCatalog.Load(folder.Path));
        Assert.Equal("b.yaml", Path.GetFileName(e.FilePath));
        Assert.Contains("a.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rejects_WhenOtherPolicyIsMissing()
    {
        using var folder = PolicyFolder.With(("e.yaml", Policy(TenderNotice)));
        var e = Assert.Throws<PolicyFileException>(() => PolicyCatalog.Load(folder.Path));
        Assert.Contains("other", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Rejects_WhenFileIsNotUtf8()
    {
        using var folder = PolicyFolder.With(("other.yaml", PolicyFolder.MinimalOther));
        // "title: " followed by 其他 in GBK (C6 E4 CB FB) is not valid UTF-8.
        File.WriteAllBytes(Path.Combine(folder.Path, "gbk.yaml"), [.. "title: "u8, 0xC6, 0xE4, 0xCB, 0xFB, 0x0A]);
        var e = Assert.Throws<PolicyFileException>(() => PolicyCatalog.Load(folder.Path));
        Assert.Equal("gbk.yaml", Path.GetFileName(e.FilePath));
    }

    [Fact]
    public void Get_FallsBackToOther_WhenCategoryHasNoFile()
    {
        using var folder = PolicyFolder.With(("other.yaml", PolicyFolder.MinimalOther));
        var catalog = PolicyCatalog.Load(folder.Path);
        Assert.Equal("other", catalog.Get(TradingCategories.Mining).Id);
        Assert.False(catalog.HasOwnPolicy(TradingCategories.Mining));
        Assert.Throws<ArgumentException>(() => catalog.Get("forestry"));
        Assert.False(catalog.TryGet("forestry", out _));
    }
}
