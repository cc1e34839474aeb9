using System.Globalization;
using Archive.Api.Hosting;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Hosting;
using Archive.Ingest.Rebuild;
using Archive.Integrity.Custody;
using Archive.Integrity.Ledger.Export;
using Archive.Storage;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// <c>rebuild --from offline</c> (README "Rebuilding from the offline copy"): after the database is lost, rebuilds the
/// ledger from its export in the offline store — committed only when its root equals the newest checkpoint witnessed
/// there — then the catalogue from the bags the ledger's <c>package.sealed</c> entries name. Runs without the host
/// (whose start-up would refuse an empty ledger behind a witnessed checkpoint), into an empty database only.
/// </summary>
internal static class RebuildCommand
{
    /// <summary>Exit code when the ledger was rebuilt but some versions could not be put back.</summary>
    public const int Incomplete = 1;

    /// <summary>Exit code when the rebuild was refused or could not be proven; nothing was committed.</summary>
    public const int Refused = 3;

    public static async Task<int> RunAsync(IAnsiConsole console, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        await using var host = await LedgerCommandHost.OpenAsync(overrides, ct);
        var settings = host.Settings;
        await IngestSchema.MigrateAsync(settings.DatabaseOwner, ct);
        await DatabaseRoles.SecureAsync(settings, host.Loggers.CreateLogger(typeof(DatabaseRoles)), ct);
        var offline = ObjectStoreFactory.Create(settings.OfflineStore);
        var online = ObjectStoreFactory.Create(settings.OnlineStore);

        console.MarkupLine("[grey]正在从离线副本重放账本导出，并与离线副本中最新的已见证检查点核对根哈希…[/]");
        LedgerRebuildResult ledger;
        try
        {
            ledger = await new LedgerRebuilder(host.DataSource, offline, host.Ledger.VerifierKey, host.Ledger.CosignerKey, NodaTime.SystemClock.Instance)
                .RebuildAsync(ct);
        }
        catch (RebuildException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Code)}：{Markup.Escape(e.UserMessage)}[/]");
            return Refused;
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]账本已重建[/]：{ledger.Size} 条（{ledger.Segments} 个导出段），根哈希与离线副本中已见证的检查点（大小 {ledger.WitnessedSize}）一致；恢复签名检查点 {ledger.Checkpoints} 个。"));

        console.MarkupLine("[grey]正在依据账本中的封存条目，从离线数据包重建档案目录…[/]");
        var entries = await EntriesAsync(offline, ledger.Size, ct);
        var catalogue = await new CatalogueRebuilder(
                host.DataSource, new IngestStores(online, offline), new CustodyRegistry(host.DataSource), NodaTime.SystemClock.Instance,
                new ArchivalCodes(host.DataSource, ArchivalCodeSettings.From(host.Configuration)))
            .RebuildAsync(entries, ct);
        Write(console, catalogue);
        return catalogue.Unrecovered.Count == 0 ? ArchiveCli.Success : Incomplete;
    }

    private static async Task<RebuildEntries> EntriesAsync(IObjectStore offline, long size, CancellationToken ct)
    {
        var entries = new RebuildEntries();
        long index = 0;
        while (index < size && await LedgerExporter.ReadSegmentAsync(offline, index, ct) is { } segment)
        {
            foreach (var entry in segment.Entries)
            {
                if (index < size)
                {
                    entries.Add(index, entry.Bytes);
                }

                index++;
            }
        }

        return entries;
    }

    private static void Write(IAnsiConsole console, CatalogueRebuildReport report)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"目录已重建：项目 {report.Projects} 个，版本 {report.Versions} 个，条目 {report.Items} 个（其中保管期满已单独销毁的条目 {report.DisposedItems} 个，按销毁记录重新登记）；另有保管期满已整体销毁的版本 {report.DisposedVersions} 个（账本中有销毁记录，按设计不再恢复）；在线副本中按摘要重新关联对象 {report.OnlineLinked} 个，缺失 {report.OnlineMissing} 个（已标记为待修复，读取改用离线副本，下一次核验由离线副本修复）；由数据包 bag-info.txt 恢复档号 {report.ArchivalCodes} 个（档号计数随之前移，不会重复使用）。"));
        if (report.Unrecovered.Count > 0)
        {
            var table = new Table().AddColumns("项目", "版本", "代码", "原因");
            foreach (var v in report.Unrecovered)
            {
                table.AddRow(Markup.Escape(v.Project), v.Version.ToString(CultureInfo.InvariantCulture), Markup.Escape(v.Code), Markup.Escape(v.Reason));
            }

            console.MarkupLine("[red]以下版本未能恢复：[/]");
            console.Write(table);
        }

        console.MarkupLine("[yellow]未能恢复（不在离线副本中）：用户与令牌、调阅申请与授权的工作表、封存检查记录、保管期限上的冻结与销毁工作表；这些事项的账本条目均已恢复。启动服务时将重新创建首个管理员；全文索引由后台任务重新提取。[/]");
    }
}
