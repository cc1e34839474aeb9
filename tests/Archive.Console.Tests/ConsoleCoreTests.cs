using System.Net;
using Archive.Api.Console;
using Archive.Api.Tests.Infrastructure;
using Archive.Console.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Archive.Console.Tests;

/// <summary>
/// The console's foundation in a real browser: failed sign-ins and lockout, TOTP, sign-out, antiforgery and the
/// cookie's limits on the API, the administrator kept from content, the Hangfire dashboard, accessibility.
/// </summary>
public sealed class ConsoleCoreTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task FailedSignInsAndLockout_ShowChineseMessages_AndAreLedgered()
    {
        var (id, loginName) = await host.CreateUserAsync("archivist");
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.SubmitPasswordAsync(loginName, "wrong-password-0");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("登录名或密码错误。");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("console.sign-in-failed");
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await page.SubmitPasswordAsync(loginName, "wrong-password-" + attempt);
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("已被锁定");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("北京时间");
        await page.SaveScreenshotAsync("signin-locked-out", output);

        // Locked: even the right password is refused until the lockout ends.
        await page.SubmitPasswordAsync(loginName, "initial-password-1");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("console.locked-out");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        var entries = await LedgerReading.AllEntriesAsync(host.Admin);
        var mine = entries.Where(e => e.TryGetProperty("principal", out var p) && p.GetString() == id.ToString()).ToList();
        Assert.Equal(6, mine.Count(e => e.GetProperty("type").GetString() == "console.sign-in-failed"));
        Assert.Single(mine, e => e.GetProperty("type").GetString() == "console.locked-out");
        Assert.DoesNotContain(mine, e => e.GetRawText().Contains("wrong-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_AsksForTheTotpCode_OnceEnrolled()
    {
        var (_, loginName) = await host.CreateUserAsync("approver");
        var (context, page) = await host.SignInFirstTimeAsync(loginName);
        await using (context)
        {
            await page.GotoAsync("/account/totp");
            var secret = Base32.Decode(await page.Locator("#totp-secret").InnerTextAsync());
            Assert.StartsWith("otpauth://totp/", await page.Locator("#totp-uri").InnerTextAsync(), StringComparison.Ordinal);
            var step = Totp.StepOf(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await page.GetByLabel("动态口令").FillAsync(Totp.Code(secret, step));
            await page.GetByRole(AriaRole.Button, new() { Name = "启用动态口令" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("动态口令已启用");
            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");

            await page.SubmitPasswordAsync(loginName, ConsoleUsers.OwnPassword);
            await Assertions.Expect(page.GetByLabel("动态口令")).ToBeVisibleAsync();
            await page.GetByLabel("动态口令").FillAsync(Totp.Code(secret, step - 5));
            await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("console.totp-invalid");

            // The enrolment used `step`; the next step's code is inside the accepted window and not a replay.
            await page.GetByLabel("动态口令").FillAsync(Totp.Code(secret, step + 1));
            await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作台");
        }

        var entries = await LedgerReading.AllEntriesAsync(host.Admin);
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "console.signed-in" && e.GetProperty("secondFactor").GetBoolean());
    }

    [Fact]
    public async Task SignOut_EndsTheSession_SoTheOldCookieNoLongerWorks()
    {
        var (context, page, _) = await host.SignInNewUserAsync("archivist");
        await using (context)
        {
            var cookie = (await context.CookiesAsync()).Single(c => c.Name == ConsoleSessionHandler.CookieName);
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
            using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
            Assert.Equal(HttpStatusCode.OK, (await SendWithCookieAsync(replay, cookie.Value, "/api/v1/principals/me")).StatusCode);

            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");

            var api = await SendWithCookieAsync(replay, cookie.Value, "/api/v1/principals/me");
            await api.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
            var console = await SendWithCookieAsync(replay, cookie.Value, "/");
            Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
            Assert.StartsWith("/signin?returnUrl=", console.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ForgedPosts_AreRefused_ByAntiforgeryAndOnTheApi()
    {
        var (context, page, _) = await host.SignInNewUserAsync("archivist");
        await using (context)
        {
            // A form post without the antiforgery token (what a forged cross-site form would send): 400.
            var forged = await context.APIRequest.PostAsync("/signout", new() { Form = context.APIRequest.CreateFormData().Set("x", "1") });
            Assert.Equal(400, forged.Status);
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作台");

            // The session cookie reads the API (GET) but is never a credential for a change.
            Assert.Equal(200, (await context.APIRequest.GetAsync("/api/v1/principals/me")).Status);
            var post = await context.APIRequest.PostAsync("/api/v1/seals/00000000-0000-0000-0000-000000000000/retry");
            Assert.Equal(401, post.Status);
            Assert.Contains("auth.cookie-unsafe-method", await post.TextAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Administrator_CannotReachContent_AndSeesTheChineseRefusal()
    {
        var (context, page) = await host.SignInBootstrapAdminAsync();
        await using (context)
        {
            var response = await page.GotoAsync("/api/v1/projects/ZZ-NONE-1/items/documents/a.pdf");
            Assert.Equal(403, response!.Status);
            var body = await page.Locator("body").InnerTextAsync();
            Assert.Contains("access.no-grant", body, StringComparison.Ordinal);
            Assert.Contains("无权查阅该项目档案", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HangfireDashboard_IsRefusedAnonymouslyAndToNonAdmins_AndOpensForTheAdministrator()
    {
        await using (var anonymous = await host.NewContextAsync())
        {
            // The host's fallback policy challenges first: the console's sign-in, never the dashboard.
            var refused = await anonymous.APIRequest.GetAsync("/admin/hangfire", new() { MaxRedirects = 0 });
            Assert.Equal(302, refused.Status);
            Assert.StartsWith("/signin?returnUrl=", refused.Headers["location"], StringComparison.Ordinal);
        }

        var (archivist, _, _) = await host.SignInNewUserAsync("archivist");
        await using (archivist)
        {
            Assert.Equal(403, (await archivist.APIRequest.GetAsync("/admin/hangfire")).Status);
        }

        var (admin, page) = await host.SignInBootstrapAdminAsync();
        await using (admin)
        {
            var response = await page.GotoAsync("/admin/hangfire");
            Assert.Equal(200, response!.Status);
            await page.SaveScreenshotAsync("admin-hangfire", output);
        }
    }

    [Fact]
    public async Task WorkbenchAndAdministration_PassTheAccessibilityCheck()
    {
        var (context, page) = await host.SignInBootstrapAdminAsync();
        await using (context)
        {
            await page.GotoAsync("/");
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("workbench-admin", output);

            await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("系统管理");
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "admin", Exact = true })).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
            await page.SaveScreenshotAsync("admin", output);
        }

        var (archivist, archivistPage, _) = await host.SignInNewUserAsync("archivist");
        await using (archivist)
        {
            await archivistPage.AssertAccessibleAsync();
            await archivistPage.SaveScreenshotAsync("workbench-archivist", output);
        }
    }

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, string session, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{ConsoleSessionHandler.CookieName}={session}");
        return client.SendAsync(request);
    }
}
