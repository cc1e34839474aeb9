using Archive.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Archive.Console.Tests.Infrastructure;

/// <summary>
/// The whole host on a real Kestrel port (its own database and data folder, as <see cref="ArchiveApiFactory"/> makes
/// them) and one headless Debian chromium driven by Playwright: one per test class (a class fixture); each test opens
/// browser contexts of its own, one per user.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    /// <summary>The bootstrap administrator's console password (login <c>admin</c>).</summary>
    public const string AdminPassword = "bootstrap-console-password";

    /// <summary>Debian's chromium; Playwright's own browser download cannot work offline.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>The host.</summary>
    public ArchiveApiFactory Factory { get; private set; } = null!;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = null!;

    /// <summary>A client holding the bootstrap admin's bearer token.</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Settings the test class needs beyond the defaults (set before the fixture starts, e.g. by a derived fixture).</summary>
    public Dictionary<string, string?> Settings { get; } = new() { ["ARCHIVE_BOOTSTRAP_ADMIN_PASSWORD"] = AdminPassword };

    public async Task InitializeAsync()
    {
        Factory = await ArchiveApiFactory.CreateAsync(Settings);
        Factory.UseKestrel(0);
        Factory.StartServer();
        BaseUrl = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        Admin = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", Factory.AdminToken);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A new browser context (a user's own cookies) at 1366×768 in Chinese.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        Locale = "zh-CN",
        TimezoneId = "Asia/Shanghai",
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Admin?.Dispose();
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }
    }
}
