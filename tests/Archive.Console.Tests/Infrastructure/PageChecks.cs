using System.Text.Json;
using Microsoft.Playwright;

namespace Archive.Console.Tests.Infrastructure;

/// <summary>Screenshots as test artefacts, and the axe-core accessibility check (axe-core from npm, injected into the page).</summary>
public static class PageChecks
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(RepositoryRoot, "node_modules", "axe-core", "axe.min.js")));

    /// <summary>The repository's root (the folder holding <c>Archive.sln</c>) above the test's folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Archive.sln was not found above the test folder.");
        }
    }

    /// <summary>Saves a full-page screenshot to <c>TestResults/screenshots/&lt;name&gt;.png</c> and prints its path.</summary>
    public static async Task<string> SaveScreenshotAsync(this IPage page, string name, ITestOutputHelper? output = null)
    {
        var path = Path.Combine(RepositoryRoot, "TestResults", "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output?.WriteLine($"screenshot: {path}");
        System.Console.WriteLine($"screenshot: {path}");
        return path;
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, listing them.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeSource.Value });
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(list.Count == 0, $"axe-core found serious violations on {page.Url}:\n" + string.Join("\n", list));
    }
}
