using System.Globalization;
using Archive.Integrity.Custody;
using NodaTime;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// <c>verify [--project CODE]… [--copy online|offline]</c>: a verification run now, worked in this process (other
/// processes of the deployment may join it), with a progress bar of objects, bytes, rate and remaining time.
/// </summary>
internal static class VerifyCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        var projects = new List<string>();
        var copies = new List<CopyKind> { CopyKind.Online, CopyKind.Offline };
        for (var i = 1; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return Usage(console);
            }

            switch (args[i])
            {
                case "--project":
                    projects.Add(args[i + 1]);
                    break;
                case "--copy" when CopyNames.Parse(args[i + 1]) is { } copy:
                    copies = [copy];
                    break;
                default:
                    return Usage(console);
            }
        }

        console.MarkupLine("[grey]正在启动归档服务…[/]");
        await using var host = await CliHost.StartAsync(settings, ct);
        try
        {
            var runs = host.Services.GetRequiredService<VerificationRunStore>();
            var worker = host.Services.GetRequiredService<VerificationWorker>();
            var clock = host.Services.GetRequiredService<IClock>();
            var id = Guid.NewGuid();
            await runs.CreateAsync(id, "manual", copies, projects.Count > 0 ? projects : null, clock.GetCurrentInstant(), ct);
            await runs.PlanAsync(id, null, clock.GetCurrentInstant(), ct);
            var planned = (await runs.GetAsync(id, ct))!.Planned;
            console.MarkupLine($"校验任务 [bold]{id:D}[/]：{planned} 个对象。");

            await console.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("校验", maxValue: Math.Max(1, planned));
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    long bytes = 0;
                    await worker.WorkAsync(id, null, (_, outcome) =>
                    {
                        bytes += outcome.BytesRead;
                        var rate = bytes / 1_000_000.0 / Math.Max(0.001, started.Elapsed.TotalSeconds);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"校验 {task.Value + 1:0}/{planned} 个对象，{bytes / 1_000_000.0:0.0} MB，{rate:0.0} MB/s");
                        task.Increment(1);
                    }, ct);
                    task.Value = task.MaxValue;
                });

            var run = (await runs.GetAsync(id, ct))!;
            foreach (var f in run.Failures)
            {
                console.MarkupLine(Markup.Escape($"{f.Project} v{f.Version} {CopyNames.Of(f.Copy)} {f.Path}: {f.Kind}, {(f.Lost ? "两副本均损毁" : f.Repaired ? "已修复" : "未修复")}"));
            }

            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"状态 {run.Status}：已校验 {run.ObjectsChecked} 个对象、{run.BytesChecked} 字节；异常 {run.Failures.Count}，修复 {run.Repaired}，损毁 {run.Lost}；账本序号 {run.LedgerIndex}。")));
            return run.Failures.Any(f => !f.Repaired) ? ArchiveCli.ProjectsFailed : ArchiveCli.Success;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static int Usage(IAnsiConsole console)
    {
        console.MarkupLine("用法：[bold]verify[/] [[--project 项目编号]]… [[--copy online|offline]]");
        return ArchiveCli.Usage;
    }
}
