using Archive.Ingest.Metadata;
using NodaTime;

namespace Archive.Ingest.Tests.Metadata;

public class RegionAndTimestampTests
{
    [Theory]
    [InlineData("530100", true)]
    [InlineData("530102", true)]
    [InlineData("110105", false)]
    public void Validate_AcceptsSixDigits_AndTellsYunnan(string value, bool yunnan)
    {
        Assert.Null(RegionCode.Validate(value));
        Assert.Equal(yunnan, RegionCode.IsYunnan(value));
    }

    [Theory]
    [InlineData("000000", "region.format")]
    [InlineData("53010", "region.format")]
    [InlineData("5301OO", "region.format")]
    [InlineData("５３０１００", "region.format")] // full-width digits
    [InlineData("", "region.empty")]
    public void Validate_RejectsBadRegion(string value, string expected) =>
        Assert.Equal(expected, RegionCode.Validate(value)?.Code);

    [Fact]
    public void Parse_ReadsChinaStandardTime()
    {
        var instant = DataTimestamp.Parse("20240229083015");
        Assert.Equal(Instant.FromUtc(2024, 2, 29, 0, 30, 15), instant);
        Assert.Equal("20240229083015", DataTimestamp.Format(instant));
    }

    [Fact]
    public void Parse_CrossesMidnightBackToPreviousUtcDay()
    {
        Assert.Equal(Instant.FromUtc(2023, 12, 31, 16, 0, 0), DataTimestamp.Parse("20240101000000"));
    }

    [Theory]
    [InlineData("20230229083015", "timestamp.invalid")]
    [InlineData("20241301000000", "timestamp.invalid")]
    [InlineData("20240101240000", "timestamp.invalid")]
    [InlineData("2024-01-01 00:00", "timestamp.format")]
    [InlineData("202401010000", "timestamp.format")]
    [InlineData(null, "timestamp.format")]
    public void TryParse_Rejects_BadStamps(string? value, string expected)
    {
        Assert.False(DataTimestamp.TryParse(value, out _, out var error));
        Assert.Equal(expected, error!.Code);
        Assert.Throws<InvalidIdentifierException>(() => DataTimestamp.Parse(value));
    }
}
