using System.Net;
using Archive.Api.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Verification;

/// <summary>Issue 8: a project's 四性检测报告 — seal-time results per version, the latest run per copy, tools, signatures.</summary>
public sealed class ProjectReportTests : CustodyTest
{
    private string ReportUrl => $"/api/v1/projects/{Uri.EscapeDataString(Code)}/verification/report.pdf";

    private async Task<string> ReportTextAsync()
    {
        var response = await Archivist.GetAsync(ReportUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public async Task ProjectReport_ShowsSealTimeChecks_ToolsAndSignatures_ThenTheLatestRunOfEachCopy()
    {
        var before = await ReportTextAsync();
        Assert.Contains("四性检测报告", before, StringComparison.Ordinal);
        Assert.Contains("封存时四性检测", before, StringComparison.Ordinal);
        Assert.Contains("qpdf", before, StringComparison.Ordinal);
        Assert.Contains("clamscan", before, StringComparison.Ordinal);
        Assert.Contains("EICAR", before, StringComparison.Ordinal);
        Assert.Contains("NOT PROTECTION", before, StringComparison.Ordinal);
        Assert.Contains("未发现恶意代码", before, StringComparison.Ordinal);
        Assert.Contains("可正常打开", before, StringComparison.Ordinal);
        Assert.Contains("尚未校验", before, StringComparison.Ordinal);

        await StoreTampering.FlipByteAsync(Stores.Online, OnlineRecordingKey, 7);
        var run = await RunVerificationAsync(new { projects = new[] { Code } });

        var after = await ReportTextAsync();
        Assert.DoesNotContain("尚未校验", after, StringComparison.Ordinal);
        Assert.Contains(run.GetProperty("id").GetString()!, after, StringComparison.Ordinal);
        Assert.Contains("已自另一副本修复", after, StringComparison.Ordinal);
        Assert.Contains("全部一致", after, StringComparison.Ordinal);
        Assert.Contains("摘要不符", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectReport_IsForArchivists_AndAnswers404ForAnUnknownProject()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.ClientWith(null).GetAsync(ReportUrl)).StatusCode);
        var ingest = Factory.ClientWith((await Admin.CreatePrincipalAsync("大理州电子交易系统", "ingest", "大理州公共资源交易中心")).Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync(ReportUrl)).StatusCode);
        await (await Archivist.GetAsync("/api/v1/projects/NO-SUCH-PROJECT/verification/report.pdf")).AssertProblemAsync(HttpStatusCode.NotFound, "project.not-found");
    }
}
