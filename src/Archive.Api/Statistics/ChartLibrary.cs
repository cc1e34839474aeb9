namespace Archive.Api.Statistics;

/// <summary>
/// The console's chart library, ECharts (npm <c>echarts</c>, pinned in <c>package-lock.json</c>), served by the host at
/// <see cref="Path"/> — never from outside, since the archive's machines often have no internet. The build copies
/// <c>node_modules/echarts/dist/echarts.min.js</c> beside the program (<c>wwwroot/lib/echarts/</c>); a run from the
/// source tree finds it in <c>node_modules</c> above the program's folder. <c>./archive up</c> runs <c>npm ci</c> first.
/// </summary>
public static class ChartLibrary
{
    /// <summary>The URL path of the script.</summary>
    public const string Path = "/lib/echarts/echarts.min.js";

    private static readonly Lazy<string?> Located = new(() => Locate(AppContext.BaseDirectory));

    /// <summary>Maps <see cref="Path"/> (anonymous, like the console's other assets).</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapChartLibrary(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, () => Located.Value is { } file
                ? Results.File(file, "text/javascript; charset=utf-8", enableRangeProcessing: false)
                : Problems.ApiProblem.NotFound("console.chart-library-missing", "图表库 echarts 未安装：请在仓库根目录运行 npm ci（./archive up 会自动完成）。"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The script file: the build's copy under <paramref name="start"/>, else <c>node_modules</c> in a parent folder; null when neither exists.</summary>
    /// <param name="start">The program's folder.</param>
    public static string? Locate(string start)
    {
        var copied = System.IO.Path.Combine(start, "wwwroot", "lib", "echarts", "echarts.min.js");
        if (File.Exists(copied))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "node_modules", "echarts", "dist", "echarts.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
