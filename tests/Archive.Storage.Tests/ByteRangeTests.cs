namespace Archive.Storage.Tests;

public class ByteRangeTests
{
    [Fact]
    public void Constructor_Throws_WhenOffsetNegativeOrLengthBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteRange(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ByteRange(0, 0));
        Assert.Throws<OverflowException>(() => new ByteRange(long.MaxValue, 2));
    }

    [Fact]
    public void ToHttpHeaderValue_UsesInclusiveEnd_OrOpenEnd()
    {
        Assert.Equal("bytes=10-19", new ByteRange(10, 10).ToHttpHeaderValue());
        Assert.Equal("bytes=10-", new ByteRange(10).ToHttpHeaderValue());
    }
}
