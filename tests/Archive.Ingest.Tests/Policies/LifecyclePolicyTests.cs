using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using NodaTime;

namespace Archive.Ingest.Tests.Policies;

/// <summary>Issue 11: archiving deadlines and the records and recordings every category's checklist now names.</summary>
public class LifecyclePolicyTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(PolicyFolder.Committed());

    private const string Head = """
        id: sample
        category: engineering
        title: 工程建设招投标
        version: 1
        retention:
          period: 30
          startsAt: project-completion
          basis: DA/T 103-2024 第9.3条
          status: std
        """;

    private const string Checklist = """
        checklist:
          - role: tender-notice
            title: 招标公告
            requirement: required
        """;

    [Theory]
    [InlineData("engineering")]
    [InlineData("procurement")]
    [InlineData("land")]
    [InlineData("mining")]
    [InlineData("state-assets")]
    [InlineData("other")]
    public void EveryCategory_HasAnUnverifiedDeadline_AndRecordingWitnessMisconductComplaintAndNoticeRoles(string category)
    {
        var policy = Catalog.Get(category);
        var deadline = Assert.IsType<ArchivingDeadline>(policy.ArchivingDeadline);
        Assert.Equal(30, deadline.Days);
        Assert.Equal(BasisStatus.Unverified, deadline.Status);
        Assert.Contains("云南省公共资源交易电子档案管理规则", deadline.Basis, StringComparison.Ordinal);

        var recordings = policy.Checklist.Where(i => i.Recording).Select(i => i.Role).ToList();
        Assert.Contains("supervision-recording", recordings);
        Assert.Contains("expert-draw-recording", recordings);
        Assert.All(policy.Checklist.Where(i => i.Recording), i => Assert.NotEqual(Requirement.Required, i.Requirement));
        foreach (var role in new[] { "witness-records", "misconduct-records", "suspension-notice", "termination-notice" })
        {
            Assert.NotNull(policy.FindItem(role));
        }

        Assert.Contains(policy.Checklist, i => i.Condition == "hasChallenges");
        Assert.Contains(policy.Checklist, i => i.Condition == "hasComplaints");
    }

    [Theory]
    [InlineData("land", "hall-recording", "auction-screen-recording")]
    [InlineData("mining", "hall-recording", "auction-screen-recording")]
    [InlineData("state-assets", "hall-recording", "auction-screen-recording")]
    [InlineData("engineering", "hall-recording", "evaluation-recording")]
    [InlineData("procurement", "negotiation-recording", "evaluation-recording")]
    public void Auctions_AndTenders_HaveTheirVenueRecordingRoles(string category, string first, string second)
    {
        var policy = Catalog.Get(category);
        Assert.True(policy.FindItem(first)!.Recording);
        Assert.True(policy.FindItem(second)!.Recording);
    }

    [Fact]
    public void DueDate_CountsFromTheStartMilestone_ThenTheOther_ThenTheFirstSubmission()
    {
        var deadline = new ArchivingDeadline(30, DeadlineEvents.Completion, "暂定", BasisStatus.Unverified);
        var first = new LocalDate(2026, 5, 1);
        Assert.Equal(new LocalDate(2026, 3, 31), deadline.DueDate(new ProjectDates(Award: new LocalDate(2026, 2, 1), Completion: new LocalDate(2026, 3, 1)), first));
        Assert.Equal(new LocalDate(2026, 3, 3), deadline.DueDate(new ProjectDates(Award: new LocalDate(2026, 2, 1)), first));
        Assert.Equal(new LocalDate(2026, 5, 31), deadline.DueDate(new ProjectDates(), first));
        Assert.Equal(new LocalDate(2026, 3, 3), (deadline with { StartsAt = DeadlineEvents.Award })
            .DueDate(new ProjectDates(Award: new LocalDate(2026, 2, 1), Completion: new LocalDate(2026, 3, 1)), first));
    }

    [Theory]
    [InlineData("archivingDeadline:\n  days: 0\n  startsAt: completion\n  basis: 暂定\n  status: unverified", "days", 11)]
    [InlineData("archivingDeadline:\n  days: 30\n  startsAt: opening\n  basis: 暂定\n  status: unverified", "opening", 12)]
    [InlineData("archivingDeadline:\n  days: 30\n  startsAt: completion\n  basis: tentative\n  status: unverified", "basis", 13)]
    [InlineData("archivingDeadline:\n  days: 30\n  startsAt: completion\n  basis: 暂定\n  status: maybe", "maybe", 14)]
    [InlineData("archivingDeadline:\n  days: 30\n  startsAt: completion\n  basis: 暂定\n  status: unverified\n  hours: 3", "hours", 15)]
    public void Load_NamesFileAndLine_WhenArchivingDeadlineIsWrong(string deadline, string named, int line)
    {
        using var folder = PolicyFolder.With(("other.yaml", PolicyFolder.MinimalOther), ("broken.yaml", $"{Head}\n{deadline}\n{Checklist}"));
        var e = Assert.Throws<PolicyFileException>(() => PolicyCatalog.Load(folder.Path));
        Assert.Equal("broken.yaml", Path.GetFileName(e.FilePath));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
    }
}
