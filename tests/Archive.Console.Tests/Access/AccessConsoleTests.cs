using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Archive.Console.Tests.Access;

/// <summary>
/// 查阅/复制申请 in real browsers: an agency files a request with its document, an approver in another browser
/// context approves it (a stale second page's decision is refused with its code), the agency reads the watermarked PDF
/// of the granted project and is refused another project, and an archivist finds the read in the 登记表 and prints it.
/// </summary>
[Collection(ArchivedProjectsCollection.Name)]
public sealed class AccessConsoleTests(ArchivedProjectsFixture fixture, ITestOutputHelper output)
{
    private const string Agency = "某州市纪委监委";

    private ConsoleHost Host => fixture.Host;

    [Fact]
    public async Task AgencyFiles_ApproverApproves_AgencyReadsWatermarkedPdf_ArchivistPrintsTheRegister()
    {
        var (auditorContext, auditor, _) = await Host.SignInNewUserAsync("auditor", Agency);
        await using var _a = auditorContext;
        await auditor.GotoAsync("/access");
        await auditor.Locator("#projects").FillAsync(fixture.CodeA);
        await auditor.Locator("#purpose").FillAsync("核查该项目交易过程中的违纪线索");
        await auditor.Locator("#documentNumber").FillAsync("某纪调〔2026〕12号");
        await auditor.Locator("#issuer").FillAsync("中共某州市纪律检查委员会");
        await auditor.Locator("#days").FillAsync("30");
        await auditor.Locator("#document").SetInputFilesAsync(new FilePayload { Name = "调取证据通知书.pdf", MimeType = "application/pdf", Buffer = AccessCalls.LegalDocumentScan() });
        await auditor.AssertAccessibleAsync();
        await auditor.SaveScreenshotAsync("access-auditor-form", output);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(auditor.Locator(".notice")).ToContainTextAsync("已提交，等待审批");
        await Assertions.Expect(auditor.Locator("article.access-request .status")).ToHaveTextAsync("待审批");

        // The approver, in a browser of their own, has the queue open twice: one page decides, the stale one is refused.
        var (approverContext, approver, _) = await Host.SignInNewUserAsync("approver", "某州公共资源交易中心");
        await using var _b = approverContext;
        await approver.GotoAsync("/access");
        var stale = await approverContext.NewPageAsync();
        await stale.GotoAsync("/access");
        await Assertions.Expect(approver.Locator("article.access-request")).ToHaveCountAsync(1);
        await Assertions.Expect(approver.GetByRole(AriaRole.Button, new() { Name = "提交申请" })).ToHaveCountAsync(0);
        await approver.AssertAccessibleAsync();
        await approver.SaveScreenshotAsync("access-approver-queue", output);
        await approver.Locator("article.access-request textarea[name=comment]").FillAsync("同意查阅，期限 30 天");
        await approver.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }).ClickAsync();
        await Assertions.Expect(approver.Locator(".notice")).ToContainTextAsync("已同意");
        await stale.Locator("article.access-request textarea[name=comment]").FillAsync("不同意");
        await stale.GetByRole(AriaRole.Button, new() { Name = "不同意", Exact = true }).ClickAsync();
        await Assertions.Expect(stale.Locator(".refusal-code")).ToHaveTextAsync("错误代码：access.already-decided");
        await Assertions.Expect(stale.Locator(".refusal-message")).ToContainTextAsync("已");

        // The agency sees the grant, then loads the content URL with its browser session: the watermarked PDF.
        await auditor.GotoAsync("/access");
        await Assertions.Expect(auditor.Locator("article.access-request .status")).ToHaveTextAsync("已批准");
        await Assertions.Expect(auditor.Locator("article.access-request")).ToContainTextAsync("有效");
        var read = await auditor.APIRequest.GetAsync($"/api/v1/projects/{fixture.CodeA}/items/{SampleProject.EscapePath(ArchivedProjectsFixture.PdfPath)}");
        Assert.Equal(200, read.Status);
        Assert.Equal("application/pdf", read.Headers["content-type"]);
        var delivered = await read.BodyAsync();
        Assert.NotEqual(fixture.PdfA, delivered);
        var entry = JsonDocument.Parse(await fixture.Archivist.GetByteArrayAsync($"/api/v1/ledger/entries/{read.Headers["x-ledger-index"]}")).RootElement;
        Assert.Equal("access.read", entry.GetProperty("type").GetString());
        Assert.Equal("item-watermarked", entry.GetProperty("object").GetString());
        Assert.Equal(AccessCalls.Sha256(delivered), entry.GetProperty("deliveredSha256").GetString());
        Assert.Equal(AccessCalls.Sha256(fixture.PdfA), entry.GetProperty("sha256").GetString());

        var other = await auditor.APIRequest.GetAsync($"/api/v1/projects/{fixture.CodeB}/items/{SampleProject.EscapePath(ArchivedProjectsFixture.PdfPath)}");
        Assert.Equal(403, other.Status);
        Assert.Equal("access.no-grant", JsonDocument.Parse(await other.TextAsync()).RootElement.GetProperty("code").GetString());

        // The archivist finds the read in the 登记表 and prints the request's register.
        var (archivistContext, archivist, _) = await Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _c = archivistContext;
        await archivist.GotoAsync("/access/register");
        await archivist.Locator("#project").FillAsync(fixture.CodeA);
        await archivist.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var readRow = archivist.Locator("tr[data-type='access.read']");
        await Assertions.Expect(readRow).ToHaveCountAsync(1);
        await Assertions.Expect(readRow).ToContainTextAsync(Agency);
        await Assertions.Expect(readRow).ToContainTextAsync(read.Headers["x-ledger-index"]);
        await archivist.AssertAccessibleAsync();
        await archivist.SaveScreenshotAsync("access-register", output);
        var print = await archivist.APIRequest.GetAsync((await readRow.GetByRole(AriaRole.Link, new() { Name = "打印登记表（PDF）" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, print.Status);
        using var pdf = PdfDocument.Open(await print.BodyAsync());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("档案查阅/复制登记表", text, StringComparison.Ordinal);
        Assert.Contains(Agency, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilingForm_ShowsEveryProblemWithItsCode_AndFilesNothing()
    {
        var (context, page, _) = await Host.SignInNewUserAsync("auditor", "某县审计局");
        await using var _a = context;
        await page.GotoAsync("/access");
        await page.Locator("#projects").FillAsync($"{fixture.CodeA}\n{fixture.CodeA}");
        await page.Locator("#purpose").FillAsync("审计核查");
        await page.Locator("#documentNumber").FillAsync("某审〔2026〕3号");
        await page.Locator("#issuer").FillAsync(" ");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator(".refusal-code")).ToHaveTextAsync("错误代码：access.project-duplicate");
        var problems = page.Locator(".refusal-problems li");
        await Assertions.Expect(problems).ToHaveCountAsync(2);
        await Assertions.Expect(problems.Nth(0)).ToContainTextAsync("access.project-duplicate");
        await Assertions.Expect(problems.Nth(1)).ToContainTextAsync("access.legal-basis-issuer");
        await Assertions.Expect(page.Locator("#purpose")).ToHaveValueAsync("审计核查");
        await Assertions.Expect(page.Locator("article.access-request")).ToHaveCountAsync(0);
    }
}
