using System.Globalization;
using Archive.Ingest.Import;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>The summary printed after an import: one row per project, then every problem in full.</summary>
internal static class ImportReport
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ProjectImportResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]导入结果[/]");
        table.AddColumn("项目文件夹");
        table.AddColumn("项目编号");
        table.AddColumn("结果");
        table.AddColumn(new TableColumn("版本").RightAligned());
        table.AddColumn("说明");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Folder),
                Markup.Escape(r.Code ?? "—"),
                ImportRunner.OutcomeMarkup(r.Outcome),
                r.Version is { } v and > 0 ? v.ToString(CultureInfo.InvariantCulture) : "—",
                Markup.Escape(r.Reason));
        }

        console.Write(table);
        foreach (var failed in results.Where(r => r.Problems.Count > 0))
        {
            console.MarkupLine($"[red]{Markup.Escape(failed.Folder)}（{Markup.Escape(failed.Code ?? "—")}）封存前检查发现 {failed.Problems.Count} 个问题：[/]");
            foreach (var p in failed.Problems)
            {
                console.MarkupLine($"  • {Markup.Escape(p.Message)} [grey]{Markup.Escape(p.Code)}{(p.Field is null ? "" : " @ " + Markup.Escape(p.Field))}[/]");
            }
        }

        int Count(ImportOutcome o) => results.Count(r => r.Outcome == o);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"共 {results.Count} 个项目：导入 [green]{Count(ImportOutcome.Imported)}[/]，补充 [blue]{Count(ImportOutcome.Supplemented)}[/]，跳过 [grey]{Count(ImportOutcome.Skipped)}[/]，失败 [red]{Count(ImportOutcome.Failed)}[/]。"));
    }
}
