using Archive.Ingest.Import;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// The command line's side of an import: runs Ingest's <see cref="ProjectImporter"/> over many project folders at once
/// with a progress display (Spectre.Console).
/// </summary>
internal static class ImportRunner
{
    public static async Task<IReadOnlyList<ProjectImportResult>> RunAsync(
        ProjectImporter importer, ImportOptions options, IReadOnlyList<string> projects, IAnsiConsole console, string caption, CancellationToken ct)
    {
        var results = new ProjectImportResult[projects.Count];
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask($"[bold]{Markup.Escape(caption)}[/]", maxValue: Math.Max(1, projects.Count));
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, projects.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
                    async (index, token) =>
                    {
                        var name = Markup.Escape(Path.GetFileName(projects[index]));
                        var task = context.AddTask(name, maxValue: 1);
                        var progress = new TaskProgress(task, name);
                        var result = await importer.ImportAsync(projects[index], progress, token);
                        results[index] = result;
                        task.Description = $"{name} {OutcomeMarkup(result.Outcome)}";
                        task.Value = task.MaxValue;
                        task.StopTask();
                        overall.Increment(1);
                    });
                overall.Value = overall.MaxValue;
            });
        return results;
    }

    internal static string OutcomeMarkup(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Imported => "[green]导入[/]",
        ImportOutcome.Supplemented => "[blue]补充[/]",
        ImportOutcome.Skipped => "[grey]跳过[/]",
        _ => "[red]失败[/]",
    };

    /// <summary>Shows one project's stage and bytes on its progress line.</summary>
    private sealed class TaskProgress(ProgressTask task, string name) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            task.Description = $"{name} [grey]{Markup.Escape(value.Stage)}[/]";
            if (value.BytesTotal > 0)
            {
                task.MaxValue = value.BytesTotal;
                task.Value = Math.Min(value.BytesDone, value.BytesTotal);
            }
        }
    }
}
