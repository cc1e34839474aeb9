using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Console.Tests.Infrastructure;
using Archive.Integrity.Notes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archive.Console.Tests;

/// <summary>档案检索, 项目档案 and the item view in a real browser.</summary>
public sealed class ProjectConsoleTests(ProjectConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<ProjectConsoleFixture>
{
    private ConsoleHost Host => fixture.Host;

    [Fact]
    public async Task Archivist_SearchesByCreditCodeAndPhrase_OpensProject_ChecksProof_PlaysAndSeeksRecording_ReadIsInAccessLog()
    {
        var (context, page, _) = await Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _ = context;

        // The workbench opens with the counts by category: the fixture's sealed project is there.
        await page.GotoAsync("/");
        var otherRow = page.Locator("table.counts tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "其他", Exact = true }) });
        Assert.True(int.Parse(await otherRow.Locator("td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        await page.GotoAsync("/catalogue");
        await page.GetByLabel("统一社会信用代码").FillAsync(fixture.OwnerCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "检索" }).ClickAsync();
        var results = page.Locator("table.catalogue-results");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = fixture.Code })).ToBeVisibleAsync();

        await page.GetByLabel("统一社会信用代码").FillAsync("");
        await page.GetByLabel("PDF 全文").FillAsync("普吉路道路提升");
        await page.GetByRole(AriaRole.Button, new() { Name = "检索" }).ClickAsync();
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = fixture.Code })).ToBeVisibleAsync();
        await Assertions.Expect(results.Locator("td.snippet q")).ToContainTextAsync("普吉路道路提升");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "导出 CSV" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("catalogue", output);

        await results.GetByRole(AriaRole.Link, new() { Name = fixture.Code }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/projects/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(fixture.Code);
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = fixture.OwnerCode })).ToBeVisibleAsync();

        // The package.sealed entry: proof checked in the page with WebCrypto.
        var check = page.Locator("button.proof-check").Last;
        var index = await check.GetAttributeAsync("data-index");
        await check.ClickAsync();
        var result = page.Locator($"#proof-{index}");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-result", new System.Text.RegularExpressions.Regex("^(ok|failed)$"), new() { Timeout = 15000 });
        // On failure the page's own words (which root, which size, which HTTP answer) are the diagnosis.
        Assert.True(await result.GetAttributeAsync("data-result") == "ok", await result.InnerTextAsync());
        await Assertions.Expect(result).ToContainTextAsync("验证通过");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("project", output);

        // A tampered proof (one hash changed on the way) must fail.
        await page.RouteAsync("**/api/v1/ledger/proof/inclusion**", async route =>
        {
            var response = await route.FetchAsync();
            var proof = JsonNode.Parse(await response.TextAsync())!;
            var hashes = proof["hashes"]!.AsArray();
            var forged = Convert.ToBase64String(new byte[32]);
            if (hashes.Count > 0)
            {
                hashes[0] = forged;
            }
            else
            {
                hashes.Add(forged);
            }

            await route.FulfillAsync(new() { Response = response, Body = proof.ToJsonString() });
        });
        await check.ClickAsync();
        await Assertions.Expect(result).ToHaveAttributeAsync("data-result", "failed", new() { Timeout = 15000 });
        await Assertions.Expect(result).ToContainTextAsync("验证失败");
        await page.UnrouteAllAsync();

        // The recording plays and seeks; the endpoint answers the player's Range requests with 206.
        var partial = page.WaitForResponseAsync(r => r.Url.Contains("/items/", StringComparison.Ordinal) && r.Status == 206);
        await page.GetByRole(AriaRole.Link, new() { Name = ProjectConsoleFixture.RecordingPath }).ClickAsync();
        var audio = page.Locator("audio");
        await Assertions.Expect(audio).ToBeVisibleAsync();
        await audio.EvaluateAsync("a => new Promise(resolve => a.readyState >= 1 ? resolve() : a.addEventListener('loadedmetadata', resolve, { once: true }))");
        var duration = await audio.EvaluateAsync<double>("a => a.duration");
        Assert.InRange(duration, 59, 61);
        var seeked = await audio.EvaluateAsync<double>(
            "a => new Promise(resolve => { a.addEventListener('seeked', () => resolve(a.currentTime), { once: true }); a.currentTime = a.duration / 2; })");
        Assert.InRange(seeked, 29, 31);
        var served = await partial;
        Assert.StartsWith("bytes ", (await served.AllHeadersAsync())["content-range"], StringComparison.Ordinal);

        // The read is in the access log with its ledger index.
        var log = await page.APIRequest.GetAsync($"/api/v1/access-log?project={Uri.EscapeDataString(fixture.Code)}");
        Assert.Equal(200, log.Status);
        var rows = JsonDocument.Parse(await log.TextAsync()).RootElement;
        Assert.Contains(rows.EnumerateArray(), r => r.GetRawText().Contains(ProjectConsoleFixture.RecordingPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Archivist_SeesPdfAndJsonRecord_WithTheReadsLedgerIndex()
    {
        var (context, page, _) = await Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _ = context;
        var code = Uri.EscapeDataString(fixture.Code);

        await page.GotoAsync($"/projects/{code}/items/{Uri.EscapeDataString("记录")}/{Uri.EscapeDataString("项目信息.json")}");
        await Assertions.Expect(page.Locator("table.record")).ToContainTextAsync("项目信息");
        await Assertions.Expect(page.Locator("#ledger-index")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));

        await page.GotoAsync($"/projects/{code}/items/{Uri.EscapeDataString("公告")}/{Uri.EscapeDataString("交易公告.pdf")}");
        await Assertions.Expect(page.Locator("iframe.item-frame")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ledger-index")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"));
    }

    [Fact]
    public async Task Auditor_WithoutGrant_CannotOpenTheProjectPage_SeesTheRefusal()
    {
        var (context, page, _) = await Host.SignInNewUserAsync("auditor", "云南省审计厅");
        await using var _ = context;

        var response = await page.GotoAsync("/projects/" + Uri.EscapeDataString(fixture.Code));
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator(".refusal")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".refusal-code code")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByText(fixture.OwnerCode)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("button.proof-check")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ProofCheck_AcceptsAVerifierKeyWhoseBase64HasAPlus_AndRejectsAWrongSignature()
    {
        // A one-entry ledger signed by a key whose base64 contains "+" (the "+"-separated verifier key must be split at
        // its first two "+" only); served in place of the host's own ledger endpoints.
        var signer = Enumerable.Range(1, 1000)
            .Select(i => NoteSigner.FromEd25519Seed("test.example/log", System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))))
            .First(s => s.Verifier.ToVerifierKey().Split('+', 3)[2].Contains('+', StringComparison.Ordinal));
        var entry = "package.sealed test entry"u8.ToArray();
        var root = System.Security.Cryptography.SHA256.HashData([0, .. entry]);
        var note = new Checkpoint("test.example/log", 1, root).Sign(signer);

        var (context, page, _) = await Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _ = context;
        await page.GotoAsync("/projects/" + Uri.EscapeDataString(fixture.Code));
        var key = signer.Verifier.ToVerifierKey();
        await page.RouteAsync("**/api/v1/ledger/**", route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            return path switch
            {
                "/api/v1/ledger/checkpoint" => route.FulfillAsync(new() { Body = note, ContentType = "text/plain; charset=utf-8" }),
                "/api/v1/ledger/key" => route.FulfillAsync(new() { Body = key, ContentType = "text/plain; charset=utf-8" }),
                "/api/v1/ledger/entries/0" => route.FulfillAsync(new() { BodyBytes = entry, ContentType = "application/octet-stream" }),
                "/api/v1/ledger/proof/inclusion" => route.FulfillAsync(new() { Body = """{"leafIndex":0,"treeSize":1,"hashes":[]}""", ContentType = "application/json" }),
                _ => route.AbortAsync(),
            };
        });
        var check = page.Locator("button.proof-check").Last;
        await check.EvaluateAsync("b => b.dataset.index = '0'");
        var result = page.Locator("#" + await check.GetAttributeAsync("data-output"));

        await check.ClickAsync();
        await Assertions.Expect(result).ToHaveAttributeAsync("data-result", new System.Text.RegularExpressions.Regex("^(ok|failed)$"), new() { Timeout = 15000 });
        Assert.True(await result.GetAttributeAsync("data-result") == "ok", await result.InnerTextAsync());
        await Assertions.Expect(result).ToContainTextAsync("检查点签名有效（test.example/log）");

        // The same note under another key of the same name: the signature no longer verifies.
        var other = NoteSigner.FromEd25519Seed("test.example/log", new byte[32]);
        key = other.Verifier.ToVerifierKey().Split('+', 3)[0] + "+" + signer.Verifier.ToVerifierKey().Split('+', 3)[1] + "+" + other.Verifier.ToVerifierKey().Split('+', 3)[2];
        await result.EvaluateAsync("r => r.removeAttribute('data-result')");
        await check.ClickAsync();
        await Assertions.Expect(result).ToHaveAttributeAsync("data-result", "failed", new() { Timeout = 15000 });
        await Assertions.Expect(result).ToContainTextAsync("检查点签名无效");
    }

    [Fact]
    public async Task Archivist_SeesEachVersionsArchivalCode_AccessStatus_ChineseCopyStates_AndTheLegalHold()
    {
        var services = Host.Factory.Services;
        var (context, page, id) = await Host.SignInNewUserAsync("archivist", "云南省公共资源交易中心");
        await using var _ = context;
        var actor = new Archive.Ingest.Retention.RetentionActor(id, "控制台测试档案员", "archivist");
        await services.GetRequiredService<Archive.Ingest.Arrangement.VersionAccessStatuses>().SetAsync(actor, fixture.Code, 1, "closed", "internal", "含商业秘密", CancellationToken.None);
        var reference = "昆纪〔2026〕" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "号";
        await services.GetRequiredService<Archive.Ingest.Retention.LegalHolds>().PlaceAsync(actor, fixture.Code, "纪检监察调查", reference, CancellationToken.None);
        var archivalCode = (await services.GetRequiredService<Archive.Ingest.Arrangement.ArchivalCodes>().OfProjectAsync(fixture.Code, CancellationToken.None))[1];

        await page.GotoAsync("/projects/" + Uri.EscapeDataString(fixture.Code));
        var firstVersion = page.Locator("section[aria-labelledby='versions-h'] tbody tr").First;
        await Assertions.Expect(firstVersion.Locator("td.archival-code")).ToHaveTextAsync(archivalCode);
        await Assertions.Expect(firstVersion).ToContainTextAsync("不开放 · 内部");
        await Assertions.Expect(firstVersion).ToContainTextAsync("已确认");
        var holds = page.Locator("section[aria-labelledby='holds-h']");
        await Assertions.Expect(holds).ToContainTextAsync(reference);
        await Assertions.Expect(holds).ToContainTextAsync("保全中（不得销毁）");
        await page.AssertAccessibleAsync();
    }
}
