using System.Net.Http.Json;
using System.Text.Json;
using Archive.Console.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Archive.Console.Tests.Access;

/// <summary>检测与修复 and 统计报表 in a real browser, as an archivist.</summary>
[Collection(ArchivedProjectsCollection.Name)]
public sealed class CustodyAndStatisticsConsoleTests(ArchivedProjectsFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task VerificationRun_StartedFromThePage_ShowsProgressThenItsResultAndReport()
    {
        var (context, page, _) = await fixture.Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _ = context;
        await page.GotoAsync("/verification");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("verification-list", output);

        await page.GetByRole(AriaRole.Button, new() { Name = "开始校验" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/verification/runs/", StringComparison.Ordinal));
        // The page reloads itself every 2 s while the run works.
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("已完成", new() { Timeout = 90_000 });
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator("[data-reload-seconds='']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#run-failures")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#run-lost")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "verification.completed", Exact = false })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("verification-run", output);

        var report = await page.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "四性检测报告（PDF）" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, report.Status);
        Assert.Equal("application/pdf", report.Headers["content-type"]);

        await page.GotoAsync("/verification");
        await Assertions.Expect(page.Locator("table tbody tr").First).ToContainTextAsync("已完成");
    }

    [Fact]
    public async Task StatisticsPage_DrawsChartsAndPrintsTheYearsFigures()
    {
        var (context, page, _) = await fixture.Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _ = context;
        await page.GotoAsync("/statistics");

        await Assertions.Expect(page.Locator("#chart-category svg")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-agency svg")).ToHaveCountAsync(1);
        var totals = page.Locator("table[data-dimension='合计'] tbody tr");
        await Assertions.Expect(totals.Locator("[data-field=projects]")).ToHaveTextAsync("2");
        await Assertions.Expect(totals.Locator("[data-field=versions]")).ToHaveTextAsync("2");
        await Assertions.Expect(totals.Locator("[data-field=items]")).ToHaveTextAsync("10");
        var api = await fixture.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/statistics");
        var bytes = api.GetProperty("totals").GetProperty("bytes").GetInt64();
        await Assertions.Expect(totals.Locator("[data-field=bytes]")).ToHaveAttributeAsync("data-bytes", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(totals.Locator("[data-field=bytes]")).ToHaveTextAsync(Archive.Api.Console.Pages.Projects.ProjectRoute.Size(bytes));
        await Assertions.Expect(page.Locator("table[data-dimension='按交易类别'] tbody tr[data-key='other'] th")).ToHaveTextAsync("其他");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载 PDF 统计报表" })).ToHaveAttributeAsync("href", $"/api/v1/statistics/report.pdf?year={api.GetProperty("year").GetInt32()}");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("statistics", output);

        // On paper: the tables without navigation, forms or charts.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-nav")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".charts")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("table[data-dimension='合计']")).ToBeVisibleAsync();
    }
}
