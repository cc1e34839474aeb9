using System.Diagnostics;
using Archive.Api.Cli;
using Archive.Api.Reports;
using Archive.Ingest.Policies;
using Spectre.Console;

namespace Archive.Demo;

/// <summary>
/// <c>./archive demo</c>: writes the sample projects of every category into a temporary folder (first versions, then a
/// supplement of one project) and imports them through the host's <c>import</c> (<see cref="ArchiveCli.ImportAsync"/>). The samples are
/// reproducible, so running it again skips what is archived already.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(
        IAnsiConsole console, Func<IReadOnlyList<(string Directory, string Caption)>, CancellationToken, Task<int>> import, CancellationToken ct)
    {
        try
        {
            ChineseTextPdf.EnsureFontResolver();
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ArchiveCli.Usage;
        }

        var policiesDirectory = Environment.GetEnvironmentVariable("ARCHIVE_POLICIES_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "retention-policies");
        var writer = new DemoWriter(PolicyCatalog.Load(policiesDirectory));
        var root = Directory.CreateTempSubdirectory("archive-demo-").FullName;
        var first = Path.Combine(root, "v1");
        var supplement = Path.Combine(root, "supplement");
        var watch = Stopwatch.StartNew();
        try
        {
            await console.Status().StartAsync("正在生成示例项目（PDF、JSON 记录、音视频）…", async _ =>
            {
                foreach (var project in DemoProjects.All)
                {
                    await writer.WriteAsync(project, Path.Combine(first, project.Folder), project.ExtraRoles, ct);
                }

                var supplemented = DemoProjects.All.Single(p => p.Folder == DemoProjects.SupplementedFolder);
                CopyDirectory(Path.Combine(first, supplemented.Folder), Path.Combine(supplement, supplemented.Folder));
                await writer.WriteAsync(supplemented, Path.Combine(supplement, supplemented.Folder),
                    supplemented.ExtraRoles.Concat(DemoProjects.SupplementRoles), ct);
            });
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return ArchiveCli.ProjectsFailed;
        }

        console.MarkupLine($"[grey]已生成 {DemoProjects.All.Count} 个示例项目（{Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count()} 个文件，用时 {watch.Elapsed.TotalSeconds:0.0} 秒）：{Markup.Escape(root)}[/]");
        var exit = await import([(first, "示例项目（首次归档）"), (supplement, "示例项目（补充归档）")], ct);
        if (exit == ArchiveCli.Success)
        {
            Directory.Delete(root, recursive: true);
        }
        else
        {
            console.MarkupLine($"[yellow]示例文件保留在 {Markup.Escape(root)}，可用 ./archive import 重新导入。[/]");
        }

        return exit;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
