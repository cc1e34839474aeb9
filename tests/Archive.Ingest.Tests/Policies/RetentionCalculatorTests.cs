using Archive.Ingest.Policies;
using NodaTime;

namespace Archive.Ingest.Tests.Policies;

public class RetentionCalculatorTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(PolicyFolder.Committed());

    [Fact]
    public void RetainUntil_AddsCalendarYears_ForProcurement()
    {
        var until = RetentionCalculator.RetainUntil(Catalog.Get("procurement"), new LocalDate(2024, 3, 15));
        Assert.Equal(new LocalDate(2039, 3, 15), until);
    }

    [Fact]
    public void RetainUntil_EndsOnTwentyEighthFebruary_WhenStartIsLeapDayAndEndYearIsCommon()
    {
        var until = RetentionCalculator.RetainUntil(Catalog.Get("procurement"), new LocalDate(2024, 2, 29));
        Assert.Equal(new LocalDate(2039, 2, 28), until);
    }

    [Fact]
    public void RetainUntil_KeepsLeapDay_WhenEndYearIsLeap()
    {
        // 30 years after 2024 is 2054 (common); 2000 + 30 = 2030 (common); 1996 + 30 = 2026 (common);
        // a 4-year multiple is needed: engineering 30 years is not one, so use a built rule of 12 years.
        var rule = new RetentionRule(RetentionPeriod.FromYears(12), RetentionEvents.ProjectCompletion, "测试", BasisStatus.Choice);
        Assert.Equal(new LocalDate(2036, 2, 29), rule.RetainUntil(new LocalDate(2024, 2, 29)));
    }

    [Theory]
    [InlineData("land")]
    [InlineData("mining")]
    public void RetainUntil_IsNull_WhenPolicyIsPermanent(string category) =>
        Assert.Null(RetentionCalculator.RetainUntil(Catalog.Get(category), new LocalDate(2024, 1, 1)));

    [Fact]
    public void RetainUntil_UsesOverride_ForEngineeringRoles()
    {
        var policy = Catalog.Get("engineering");
        var dates = new Dictionary<string, LocalDate>
        {
            [RetentionEvents.ProjectCompletion] = new(2026, 6, 30),
            [RetentionEvents.Publication] = new(2024, 2, 29),
        };
        Assert.Null(RetentionCalculator.RetainUntil(policy, "contract", dates));
        Assert.Null(RetentionCalculator.RetainUntil(policy, "award-notice", dates));
        Assert.Equal(new LocalDate(2036, 6, 30), RetentionCalculator.RetainUntil(policy, "av-recording", dates));
        Assert.Equal(new LocalDate(2056, 6, 30), RetentionCalculator.RetainUntil(policy, "evaluation-report", dates));
        // Notice floor (10 years from publication) is shorter than 30 from completion: default wins.
        Assert.Equal(new LocalDate(2056, 6, 30), RetentionCalculator.RetainUntil(policy, "tender-notice", dates));
    }

    [Fact]
    public void RetainUntil_AppliesNoticeFloor_WhenItEndsLater()
    {
        var policy = Catalog.Get("other");
        var dates = new Dictionary<string, LocalDate>
        {
            [RetentionEvents.ProjectCompletion] = new(2020, 1, 1),
            [RetentionEvents.Publication] = new(2028, 2, 29),
        };
        Assert.Equal(new LocalDate(2038, 2, 28), RetentionCalculator.RetainUntil(policy, "transaction-notice", dates));
        Assert.Equal(new LocalDate(2035, 1, 1), RetentionCalculator.RetainUntil(policy, "transaction-documents", dates));
    }

    [Fact]
    public void RetainUntil_Throws_WhenStartEventDateIsMissing()
    {
        var policy = Catalog.Get("procurement");
        Assert.Throws<ArgumentException>(() =>
            RetentionCalculator.RetainUntil(policy, "contract", new Dictionary<string, LocalDate>()));
    }

    [Fact]
    public void RetentionPeriod_RejectsNonPositiveYears()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionPeriod.FromYears(0));
        Assert.Equal("permanent", RetentionPeriod.Permanent.ToString());
        Assert.Equal("15", RetentionPeriod.FromYears(15).ToString());
    }
}
