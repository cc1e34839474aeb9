using System.Globalization;
using Archive.Api.Backup;
using Archive.Api.Hosting;
using Archive.Storage;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// <c>restore fetch --to &lt;instant|latest&gt; --into DIR</c>, the offline-store half of <c>./archive restore</c>
/// (README "Database backups and point-in-time restore"): plans with <see cref="RestorePlanner"/>, fetches the base
/// backup and the WAL into DIR and writes <c>restore-plan.txt</c> (<c>key=value</c> lines) for <c>scripts/backup.sh</c>,
/// which does the PostgreSQL work. Ships what is left in the WAL spool first (<c>ARCHIVE_BACKUP_SPOOL</c>); the database
/// is not touched.
/// </summary>
internal static class RestoreCommand
{
    /// <summary>Exit code when the restore was refused; nothing was fetched.</summary>
    public const int Refused = 3;

    private static readonly InstantPattern PostgresTime = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss.ffffff'+00'");

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        if (args is not ["restore", "fetch", "--to", var to, "--into", var into] || !Directory.Exists(into))
        {
            console.MarkupLine("用法：[bold]restore fetch --to 时间点|latest --into 目录[/]（由 ./archive restore 调用；时间点为带时区偏移的 ISO 8601，如 2026-12-01T21:00:00+08:00）。");
            return ArchiveCli.Usage;
        }

        Instant? target = null;
        if (to != "latest")
        {
            if (OffsetDateTimePattern.ExtendedIso.Parse(to) is not { Success: true } parsed)
            {
                console.MarkupLine($"[red]restore.target-invalid：恢复目标时间 {Markup.Escape(to)} 不是带时区偏移的 ISO 8601 时间（如 2026-12-01T21:00:00+08:00）。[/]");
                return ArchiveCli.Usage;
            }

            target = parsed.Value.ToInstant();
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();
        var offline = ObjectStoreFactory.Create(ArchiveSettings.From(configuration).OfflineStore);
        var planner = new RestorePlanner(offline, SystemClock.Instance);
        RestorePlan plan;
        try
        {
            // Segments the stopped cluster spooled after the last scheduled shipping belong to the newest state too.
            if (BackupSettings.From(configuration).Spool is { } spool && await new WalShipper(offline).ShipAsync(spool, ct) is var shipped and > 0)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]已先将暂存目录中尚未上传的 {shipped} 个 WAL 文件上传至离线存储。[/]"));
            }

            plan = await planner.PlanAsync(target, ct);
            console.MarkupLine($"[grey]正在从离线存储取回基础备份 {plan.Backup.Id} 及其后的 WAL（{plan.Wal.Count} 个文件）…[/]");
            await planner.FetchAsync(plan, into, ct);
        }
        catch (BackupException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Code)}：{Markup.Escape(e.UserMessage)}[/]");
            return Refused;
        }

        await File.WriteAllLinesAsync(Path.Combine(into, "restore-plan.txt"),
        [
            $"backup={plan.Backup.Id}",
            $"backup_started={InstantPattern.ExtendedIso.Format(plan.Backup.StartedAt)}",
            $"backup_completed={InstantPattern.ExtendedIso.Format(plan.Backup.CompletedAt)}",
            $"target={(plan.Target is { } t ? PostgresTime.Format(t) : string.Empty)}",
            $"wal_first={plan.FirstSegment}",
            $"wal_last={plan.LastSegment}",
            string.Create(CultureInfo.InvariantCulture, $"wal_count={plan.Wal.Count}"),
        ], ct);
        return ArchiveCli.Success;
    }
}
