using Archive.Api.Cli.Demo;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// The program's commands besides <c>serve</c>: <c>import DIR</c> (bulk import of project folders) and
/// <c>demo</c> (generate sample projects of every category and import them). Both run the archive host
/// without HTTP, on the same <c>ARCHIVE_*</c> settings as <c>serve</c>.
/// </summary>
public static class ArchiveCli
{
    /// <summary>Exit code when every project was imported, supplemented or skipped.</summary>
    public const int Success = 0;

    /// <summary>Exit code when at least one project failed.</summary>
    public const int ProjectsFailed = 1;

    /// <summary>Exit code for a usage error.</summary>
    public const int Usage = 2;

    /// <summary>Whether <paramref name="args"/> name one of these commands (else the host serves).</summary>
    public static bool IsCommand(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && args[0] is "import" or "demo" or "verify";
    }

    /// <summary>Runs the command named by <paramref name="args"/> and returns the process exit code.</summary>
    /// <param name="args">The command line, e.g. <c>import /data/projects</c>.</param>
    /// <param name="console">Where progress and the summary go.</param>
    /// <param name="settings"><c>ARCHIVE_*</c> settings that override the environment (tests).</param>
    /// <param name="ct">Cancels the run (Ctrl-C).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        switch (args.Count > 0 ? args[0] : null)
        {
            case "import" when args.Count == 2:
                if (!Directory.Exists(args[1]))
                {
                    console.MarkupLine($"[red]导入目录不存在：{Markup.Escape(args[1])}[/]");
                    return Usage;
                }

                return await ImportAsync(console, settings, [(args[1], "导入项目")], ct);
            case "verify":
                return await VerifyCommand.RunAsync(args, console, settings, ct);
            case "demo" when args.Count == 1:
                return await DemoCommand.RunAsync(console, (folders, token) => ImportAsync(console, settings, folders, token), ct);
            default:
                console.MarkupLine("用法：[bold]import 目录[/]（每个项目一个子文件夹，含 project.json 与条目文件）或 [bold]demo[/]（生成各类别示例项目并导入）。");
                return Usage;
        }
    }

    /// <summary>Imports each folder set in turn (e.g. first versions, then supplements) and prints one summary.</summary>
    private static async Task<int> ImportAsync(
        IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, IReadOnlyList<(string Directory, string Caption)> sets, CancellationToken ct)
    {
        console.MarkupLine("[grey]正在启动归档服务（数据库迁移、账本检查点、封存任务）…[/]");
        await using var host = await CliHost.StartAsync(settings, ct);
        try
        {
            var importer = host.Services.GetRequiredService<ProjectImporter>();
            var options = host.Services.GetRequiredService<ImportOptions>();
            var results = new List<ProjectImportResult>();
            foreach (var (directory, caption) in sets)
            {
                var projects = ImportRunner.ProjectDirectories(directory);
                results.AddRange(await ImportRunner.RunAsync(importer, options, projects, console, caption, ct));
            }

            ImportReport.Write(console, results);
            return results.Any(r => r.Outcome == ImportOutcome.Failed) ? ProjectsFailed : Success;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
