using Archive.Api.Hosting;
using Archive.Ingest.Import;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// The program's command besides <c>serve</c>: <c>import DIR</c> (bulk import of project folders through Ingest's
/// <see cref="ProjectImporter"/>). It runs the archive host without HTTP, on the same <c>ARCHIVE_*</c> settings as
/// <c>serve</c>; this class holds only the command-line wiring and the progress display. The demo data generator
/// (<c>tools/Archive.Demo</c>) calls <see cref="ImportAsync"/>.
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
        return args.Count > 0 && args[0] is "import" or "verify" or "ledger" or "rebuild" or "restore";
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
        try
        {
            return await RunCommandAsync(args, console, settings, ct);
        }
        catch (StartupRefusedException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Code)}：{Markup.Escape(e.UserMessage)}[/]");
            return StartupRefusedException.ExitCode;
        }
    }

    private static async Task<int> RunCommandAsync(IReadOnlyList<string> args, IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        switch (args.Count > 0 ? args[0] : null)
        {
            case "import" when args.Count == 2:
                if (!Directory.Exists(args[1]))
                {
                    console.MarkupLine($"[red]导入目录不存在：{Markup.Escape(args[1])}[/]");
                    return Usage;
                }

                return await ImportAsync(console, settings, [(args[1], "导入项目")], ct);
            case "verify" when args.Count == 2 && args[1] == "--ledger":
                return await LedgerAuditCommand.RunAsync(console, settings, ct);
            case "verify":
                return await VerifyCommand.RunAsync(args, console, settings, ct);
            case "ledger" when args.Count == 2 && args[1] == "rotate-key":
                return await RotateKeyCommand.RunAsync(console, settings, ct);
            case "rebuild" when args.Count == 3 && args[1] == "--from" && args[2] == "offline":
                return await RebuildCommand.RunAsync(console, settings, ct);
            case "restore":
                return await RestoreCommand.RunAsync(args, console, settings, ct);
            default:
                console.MarkupLine("用法：[bold]import 目录[/]（每个项目一个子文件夹，含 project.json 与条目文件）、[bold]verify --ledger[/]（账本自检）、[bold]ledger rotate-key[/]（轮换账本签名密钥，须先停止所有服务进程）或 [bold]rebuild --from offline[/]（数据库丢失后仅凭离线副本重建账本与目录，须在空数据库上运行）。");
                return Usage;
        }
    }

    /// <summary>Imports each folder set in turn (e.g. first versions, then supplements) and prints one summary.</summary>
    /// <param name="console">Where progress and the summary go.</param>
    /// <param name="settings"><c>ARCHIVE_*</c> settings that override the environment (tests), or null.</param>
    /// <param name="sets">Folders of project folders, each with the caption of its progress line.</param>
    /// <param name="ct">Cancels the run (Ctrl-C).</param>
    /// <param name="afterImport">Runs with the host's services after the import, before the host stops (the demo's logins), or null.</param>
    /// <returns>The process exit code: <see cref="Success"/> or <see cref="ProjectsFailed"/>.</returns>
    public static async Task<int> ImportAsync(
        IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, IReadOnlyList<(string Directory, string Caption)> sets, CancellationToken ct,
        Func<IServiceProvider, CancellationToken, Task>? afterImport = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(sets);
        console.MarkupLine("[grey]正在启动归档服务（数据库迁移、账本检查点、封存任务）…[/]");
        await using var host = await CliHost.StartAsync(settings, ct);
        try
        {
            var importer = host.Services.GetRequiredService<ProjectImporter>();
            var options = host.Services.GetRequiredService<ImportOptions>();
            var results = new List<ProjectImportResult>();
            foreach (var (directory, caption) in sets)
            {
                var projects = ProjectFolder.FindProjects(directory);
                results.AddRange(await ImportRunner.RunAsync(importer, options, projects, console, caption, ct));
            }

            ImportReport.Write(console, results);
            if (afterImport is not null)
            {
                await afterImport(host.Services, ct);
            }

            return results.Any(r => r.Outcome == ImportOutcome.Failed) ? ProjectsFailed : Success;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
