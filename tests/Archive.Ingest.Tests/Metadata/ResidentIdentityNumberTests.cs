using Archive.Ingest.Metadata;
using NodaTime;

namespace Archive.Ingest.Tests.Metadata;

public class ResidentIdentityNumberTests
{
    private static readonly LocalDate Today = new(2025, 6, 1);

    // 11010519491231002X is the example number of GB 11643-1999 (110105 北京市朝阳区, born 1949-12-31).
    [Fact]
    public void Validate_Accepts_StandardExample()
    {
        Assert.Null(ResidentIdentityNumber.Validate("11010519491231002X", Today));
        Assert.Equal('X', ResidentIdentityNumber.ComputeCheckCharacter("11010519491231002"));
    }

    [Theory]
    [InlineData("110105194912310021", "id-number.checksum")]
    [InlineData("11010519491231002x", "id-number.character")]
    [InlineData("1101051949123100", "id-number.length")]
    [InlineData("11010519490230002X", "id-number.birth-date")] // 30 February
    [InlineData("11010519491331002X", "id-number.birth-date")] // month 13
    [InlineData("11010518991231002X", "id-number.birth-date")] // before 1900
    [InlineData("01010519491231002X", "id-number.region")]
    [InlineData("", "id-number.empty")]
    public void Validate_Rejects_MutatedNumbers(string value, string expected) =>
        Assert.Equal(expected, ResidentIdentityNumber.Validate(value, Today)?.Code);

    [Fact]
    public void Validate_Rejects_BirthDateAfterToday()
    {
        var first17 = "53010220250602123";
        var value = first17 + ResidentIdentityNumber.ComputeCheckCharacter(first17);
        Assert.Equal("id-number.birth-date", ResidentIdentityNumber.Validate(value, Today)?.Code);
        Assert.Null(ResidentIdentityNumber.Validate(value, Today.PlusDays(1)));
    }

    [Fact]
    public void Validate_Accepts_LeapDayBirth()
    {
        var first17 = "53010220000229123";
        var value = first17 + ResidentIdentityNumber.ComputeCheckCharacter(first17);
        Assert.Null(ResidentIdentityNumber.Validate(value, Today));
    }

    [Fact]
    public void Validate_NeverEchoesTheNumber_InItsMessage()
    {
        var error = ResidentIdentityNumber.Validate("110105194912310021", Today);
        Assert.DoesNotContain("110105194912310021", error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1949", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonalIdentifier_MasksEveryFormattingPath()
    {
        var id = new PersonalIdentifier("53010219900101123X");
        Assert.Equal("5301**********123X", id.Masked);
        Assert.Equal("5301**********123X", id.ToString());
        Assert.Equal("持有人 5301**********123X", $"持有人 {id}");
        Assert.Equal("53010219900101123X", id.Reveal());
        Assert.Equal("****", PersonalIdentifier.Mask("1234"));
    }

    [Fact]
    public void SubmissionParty_ToString_MasksIdNumber()
    {
        var party = new SubmissionParty("bidder", "张三", IdNumber: "11010519491231002X");
        Assert.DoesNotContain("11010519491231002X", party.ToString(), StringComparison.Ordinal);
        Assert.Contains("1101**********002X", party.ToString(), StringComparison.Ordinal);
    }
}
