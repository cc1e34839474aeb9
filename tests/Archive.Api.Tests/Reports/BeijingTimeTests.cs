using Archive.Api.Reports;
using Archive.Ingest.Reporting;
using NodaTime;

namespace Archive.Api.Tests.Reports;

public sealed class BeijingTimeTests
{
    [Fact]
    public void Format_WritesTheInstantInBeijingTime_AcrossTheDateLine()
    {
        Assert.Equal("2026-12-02 01:07:08", BeijingTime.Format(Instant.FromUtc(2026, 12, 1, 17, 7, 8)));
        Assert.Equal("2026-12-02 01:07:08", BeijingTime.Format("2026-12-01T17:07:08.593814Z"));
        Assert.Equal("—", BeijingTime.Format((Instant?)null));
        Assert.Equal("尚未发送", BeijingTime.Format("尚未发送"));
    }
}
