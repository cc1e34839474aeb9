using Archive.Api.Cli;
using Spectre.Console;

namespace Archive.Demo;

/// <summary><c>./archive demo</c>: the sample projects of every category, imported by the host's import command code.</summary>
internal static class DemoProgram
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length != 0)
        {
            AnsiConsole.MarkupLine("用法：[bold]./archive demo[/]（生成各类别示例项目并导入，无参数）。");
            return ArchiveCli.Usage;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var console = AnsiConsole.Console;
        return await DemoCommand.RunAsync(console, (folders, token) => ArchiveCli.ImportAsync(console, null, folders, token, (services, t) => DemoLogins.IssueAsync(services, console, t)), cancel.Token);
    }
}
