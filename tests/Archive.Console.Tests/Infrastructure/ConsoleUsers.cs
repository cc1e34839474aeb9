using System.Net;
using System.Net.Http.Json;
using Archive.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Archive.Console.Tests.Infrastructure;

/// <summary>Creating console users and signing them in, through the same API and sign-in page a person would use.</summary>
public static class ConsoleUsers
{
    /// <summary>The password every helper-made user sets at first sign-in.</summary>
    public const string OwnPassword = "own-password-123";

    /// <summary>
    /// Creates an active principal of <paramref name="role"/> (confirmed by a security administrator when needed),
    /// issues it a console login with <paramref name="initialPassword"/>, and returns its id and login name.
    /// </summary>
    public static async Task<(Guid Id, string LoginName)> CreateUserAsync(
        this ConsoleHost host, string role, string? organization = null, string initialPassword = "initial-password-1")
    {
        var loginName = $"{role}-{Guid.NewGuid():N}"[..24];
        var (id, _) = await host.Admin.CreatePrincipalAsync("测试" + role, role, organization ?? "测试单位");
        var issued = await host.Admin.PostAsJsonAsync($"/api/v1/principals/{id}/login", new { loginName, password = initialPassword });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        return (id, loginName);
    }

    /// <summary>
    /// A new browser context signed in as a new user of <paramref name="role"/>: the initial password is replaced by
    /// <see cref="OwnPassword"/> on the way, as the sign-in page demands.
    /// </summary>
    public static async Task<(IBrowserContext Context, IPage Page, Guid Id)> SignInNewUserAsync(this ConsoleHost host, string role, string? organization = null)
    {
        var (id, loginName) = await host.CreateUserAsync(role, organization);
        var (context, page) = await host.SignInFirstTimeAsync(loginName);
        return (context, page, id);
    }

    /// <summary>
    /// A new browser context signed in as <paramref name="loginName"/> for the first time: its initial password is
    /// replaced by <see cref="OwnPassword"/>, as the sign-in page demands.
    /// </summary>
    public static async Task<(IBrowserContext Context, IPage Page)> SignInFirstTimeAsync(this ConsoleHost host, string loginName, string initialPassword = "initial-password-1")
    {
        var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SubmitPasswordAsync(loginName, initialPassword);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(OwnPassword);
        await page.GetByLabel("再次输入新密码").FillAsync(OwnPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "设置新密码" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return (context, page);
    }

    /// <summary>A new browser context signed in as the bootstrap administrator (login <c>admin</c>).</summary>
    public static async Task<(IBrowserContext Context, IPage Page)> SignInBootstrapAdminAsync(this ConsoleHost host)
    {
        var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SubmitPasswordAsync("admin", ConsoleHost.AdminPassword);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return (context, page);
    }

    /// <summary>Opens the sign-in page and submits a login name and password.</summary>
    public static async Task SubmitPasswordAsync(this IPage page, string loginName, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("登录名").FillAsync(loginName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
