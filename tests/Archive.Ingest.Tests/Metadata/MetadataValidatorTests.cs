using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using Archive.Ingest.Tests.Policies;
using NodaTime;
using NodaTime.Testing;

namespace Archive.Ingest.Tests.Metadata;

public class MetadataValidatorTests
{
    private static readonly PolicyCatalog Catalog = PolicyCatalog.Load(PolicyFolder.Committed());

    // 2025-06-01 02:00 in Shanghai is still 2025-05-31 in UTC: "today" must be the Shanghai date.
    private static readonly FakeClock Clock = new(Instant.FromUtc(2025, 5, 31, 18, 0));
    private static readonly MetadataValidator Validator = new(Catalog, Clock);

    private static SubmissionMetadata Valid() => new()
    {
        ProjectCode = "E5301000001000123",
        ProjectName = "昆明市某道路改造工程施工",
        Category = TradingCategories.Engineering,
        Region = "530100",
        Parties =
        [
            new("tenderer", "华为技术有限公司", CreditCode: "914403001922038216"),
            new("bidder", "张三", IdNumber: "11010519491231002X"),
        ],
        Dates = new(new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 21), new LocalDate(2025, 4, 1), null),
        Flags = new Dictionary<string, bool> { ["fullyElectronic"] = true },
    };

    [Fact]
    public void Validate_FindsNothing_WhenMetadataIsValid() => Assert.Empty(Validator.Validate(Valid()));

    [Fact]
    public void Validate_ReportsEveryProblemAtOnce()
    {
        var metadata = Valid() with
        {
            ProjectCode = "",
            ProjectName = new string('长', 201),
            Category = "forestry",
            Region = "000000",
            Parties =
            [
                new("tenderer", "华为技术有限公司", CreditCode: "914403001922038217"),
                new("bidder", "", IdNumber: "110105194912310021"),
                new("bidder", "某公司"),
            ],
            Dates = new(new LocalDate(2025, 3, 1), new LocalDate(2025, 2, 1), null, new LocalDate(2026, 1, 1)),
        };

        var problems = Validator.Validate(metadata);

        Assert.Equal(
            [
                ("project-code.empty", "project.code"),
                ("project-name.length", "project.name"),
                ("category.unknown", "project.category"),
                ("region.format", "region"),
                ("credit-code.checksum", "parties[0].creditCode"),
                ("party-name.empty", "parties[1].name"),
                ("id-number.checksum", "parties[1].idNumber"),
                ("party.identifier.missing", "parties[2]"),
                ("dates.order", "dates.opening"),
                ("dates.future", "dates.completion"),
            ],
            problems.Select(p => (p.Code, p.Field)));
        Assert.All(problems, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.Message));
        Assert.All(problems, p => Assert.DoesNotContain("110105194912310021", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RequiresFields_WhenMetadataIsEmpty()
    {
        var codes = Validator.Validate(new SubmissionMetadata()).Select(p => p.Code);
        Assert.Equal(["project-code.empty", "project-name.empty", "category.empty", "region.empty", "parties.empty"], codes);
    }

    [Fact]
    public void Validate_ComparesAcrossMissingDates()
    {
        var metadata = Valid() with { Dates = new(new LocalDate(2025, 3, 1), null, new LocalDate(2025, 2, 1)) };
        var problem = Assert.Single(Validator.Validate(metadata));
        Assert.Equal(("dates.order", "dates.award"), (problem.Code, problem.Field));
    }

    [Fact]
    public void Validate_AllowsDatesWithinTolerance_CountingFromShanghaiToday()
    {
        // Shanghai today is 2025-06-01; +30 days = 2025-07-01.
        var ok = Valid() with { Dates = new(Completion: new LocalDate(2025, 7, 1)) };
        var late = Valid() with { Dates = new(Completion: new LocalDate(2025, 7, 2)) };
        Assert.Empty(Validator.Validate(ok));
        Assert.Equal("dates.future", Assert.Single(Validator.Validate(late)).Code);
        var strict = new MetadataValidator(Catalog, Clock, Period.Zero);
        Assert.Empty(strict.Validate(Valid() with { Dates = new(Award: new LocalDate(2025, 6, 1)) }));
    }

    [Fact]
    public void Validate_RejectsPartyWithBothIdentifiers()
    {
        var metadata = Valid() with
        {
            Parties = [new("bidder", "张三", CreditCode: "914403001922038216", IdNumber: "11010519491231002X")],
        };
        Assert.Equal("party.identifier.ambiguous", Assert.Single(Validator.Validate(metadata)).Code);
    }

    [Theory]
    [InlineData("engineering")]
    [InlineData("state-assets")]
    [InlineData("other")]
    public void Validate_AcceptsKnownCategories(string category) =>
        Assert.Empty(Validator.Validate(Valid() with { Category = category }));

    [Fact]
    public void Validate_AcceptsLegacyHostileLookingCode_BecauseStorageIsSafe() =>
        Assert.Empty(Validator.Validate(Valid() with { ProjectCode = "../../etc" }));
}
