using Archive.Console.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Archive.Console.Tests;

/// <summary>Sign-in, in a real browser against the real host.</summary>
public sealed class SignInTests(ConsoleHost host, ITestOutputHelper output) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task Root_ShowsSignInPage_WhenAnonymous_AndAdminSignsIn()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal(200, response!.Status);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登录档案管理控制台");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("signin", output);

        var (adminContext, adminPage) = await host.SignInBootstrapAdminAsync();
        await using (adminContext)
        {
            await Assertions.Expect(adminPage.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "系统管理" })).ToBeVisibleAsync();
            await Assertions.Expect(adminPage.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "档案检索" })).ToHaveCountAsync(0);
        }
    }
}
