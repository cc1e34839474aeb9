using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using NodaTime;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Statistics;

/// <summary>The annual 统计报表 (issue 11 §6) against the known activity of <see cref="StatisticsFixture"/>.</summary>
public sealed class StatisticsApiTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private static int ThisYear => SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Year;

    [Fact]
    public async Task Statistics_CountsTheYearsArchivingReadsAndVerification_ByCategoryRegionAndPlatform()
    {
        var s = await fixture.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/statistics?year={ThisYear}");

        var a = fixture.Versions.Where(v => v.Code == fixture.CodeA).ToList();
        var b = fixture.Versions.Single(v => v.Code == fixture.CodeB);
        Assert.Equal(ThisYear, s.GetProperty("year").GetInt32());
        AssertRow(s.GetProperty("totals"), projects: 2, versions: 3, items: 12, bytes: a.Sum(v => v.Bytes) + b.Bytes, reads: 3, failures: 1);
        Assert.Equal(12, a.Sum(v => v.Items) + b.Items);
        Assert.Equal(1, s.GetProperty("totals").GetProperty("recordings").GetInt64());
        Assert.Equal(3m, s.GetProperty("totals").GetProperty("recordingSeconds").GetDecimal());
        Assert.Equal(0m, s.GetProperty("totals").GetProperty("recordingHours").GetDecimal());
        Assert.Equal(0, s.GetProperty("totals").GetProperty("recordingsWithoutDuration").GetInt64());

        var category = Assert.Single(s.GetProperty("byCategory").EnumerateArray());
        Assert.Equal("其他", category.GetProperty("label").GetString());
        AssertRow(category, projects: 2, versions: 3, items: 12, bytes: a.Sum(v => v.Bytes) + b.Bytes, reads: 3, failures: 1);

        var regions = s.GetProperty("byRegion").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        Assert.Equal(["530100", "530300"], regions.Keys.Order(StringComparer.Ordinal));
        AssertRow(regions["530100"], projects: 1, versions: 2, items: 7, bytes: a.Sum(v => v.Bytes), reads: 2, failures: 0);
        AssertRow(regions["530300"], projects: 1, versions: 1, items: 5, bytes: b.Bytes, reads: 1, failures: 1);
        Assert.Equal(3m, regions["530100"].GetProperty("recordingSeconds").GetDecimal());

        var platforms = s.GetProperty("byPlatform").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        AssertRow(platforms[StatisticsFixture.PlatformA], projects: 1, versions: 2, items: 7, bytes: a.Sum(v => v.Bytes), reads: 2, failures: 0);
        AssertRow(platforms[StatisticsFixture.PlatformB], projects: 1, versions: 1, items: 5, bytes: b.Bytes, reads: 1, failures: 1);

        var agencies = s.GetProperty("byAgency").EnumerateArray()
            .ToDictionary(r => r.GetProperty("organization").GetString()!, r => (r.GetProperty("reads").GetInt64(), r.GetProperty("copies").GetInt64(), r.GetProperty("projects").GetInt64()));
        Assert.Equal((2L, 0L, 1L), agencies[StatisticsFixture.Agency]);
        Assert.Equal((1L, 0L, 1L), agencies[StatisticsFixture.Centre]);
        Assert.Equal(2, agencies.Count);

        var v = s.GetProperty("verification");
        Assert.Equal(1, v.GetProperty("runs").GetInt64());
        Assert.Equal(1, v.GetProperty("completed").GetInt64());
        Assert.Equal((1L, 1L, 0L), (v.GetProperty("failures").GetInt64(), v.GetProperty("repaired").GetInt64(), v.GetProperty("lost").GetInt64()));

        // The handover monitoring is registered: overdue is known (none of these projects was overdue).
        Assert.Equal(0, s.GetProperty("totals").GetProperty("overdue").GetInt32());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("overdueNote").ValueKind);
    }

    [Fact]
    public async Task Statistics_OfAnEarlierYear_AreZero()
    {
        var s = await fixture.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/statistics?year=2020");

        AssertRow(s.GetProperty("totals"), projects: 0, versions: 0, items: 0, bytes: 0, reads: 0, failures: 0);
        Assert.Empty(s.GetProperty("byCategory").EnumerateArray());
        Assert.Empty(s.GetProperty("byAgency").EnumerateArray());
        Assert.Equal(0, s.GetProperty("verification").GetProperty("runs").GetInt64());
        Assert.Equal("2020-01-01", s.GetProperty("from").GetString());
        Assert.Equal("2020-12-31", s.GetProperty("to").GetString());
    }

    [Fact]
    public async Task ReportPdf_PrintsTheSameFiguresInChinese()
    {
        var response = await fixture.Archivist.GetAsync($"/api/v1/statistics/report.pdf?year={ThisYear}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains($"公共资源交易电子档案统计报表（{ThisYear}年度）", text, StringComparison.Ordinal);
        Assert.Contains("归档项目2个，版本3个，条目12件", text, StringComparison.Ordinal);
        Assert.Contains("录音录像1件，时长0.00小时", text, StringComparison.Ordinal);
        Assert.Contains($"{StatisticsFixture.Agency}：查阅2次，复制0次，涉及项目1个", text, StringComparison.Ordinal);
        Assert.Contains("发现异常1个，已修复1个，灭失0个", text, StringComparison.Ordinal);
        Assert.Contains("530300", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1999")]
    [InlineData("9999")]
    public async Task Statistics_Returns400_WhenTheYearIsNotAUsableYear(string year)
    {
        var response = await fixture.Archivist.GetAsync($"/api/v1/statistics?year={year}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "statistics.year");
        Assert.Equal("year", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Statistics_Returns403_ForAnAuditAgency()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Auditor.GetAsync("/api/v1/statistics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Auditor.GetAsync("/api/v1/statistics/report.pdf")).StatusCode);
    }

    [Fact]
    public async Task ChartLibrary_IsServedByTheHostItself_WithoutSignIn()
    {
        var response = await fixture.Factory.CreateClient().GetAsync("/lib/echarts/echarts.min.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("echarts", script, StringComparison.Ordinal);
        Assert.True(script.Length > 500_000, $"the whole minified library, not a stub ({script.Length} characters)");
    }

    private static void AssertRow(JsonElement row, long projects, long versions, long items, long bytes, long reads, long failures)
    {
        Assert.Equal(
            (projects, versions, items, bytes, reads, 0L, failures),
            (row.GetProperty("projects").GetInt64(), row.GetProperty("versions").GetInt64(), row.GetProperty("items").GetInt64(),
             row.GetProperty("bytes").GetInt64(), row.GetProperty("reads").GetInt64(), row.GetProperty("copies").GetInt64(),
             row.GetProperty("verificationFailures").GetInt64()));
    }
}
