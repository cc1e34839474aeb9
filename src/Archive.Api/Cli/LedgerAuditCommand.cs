using Archive.Api.Hosting;
using Archive.Integrity.Ledger;
using Archive.Integrity.Ledger.Audit;
using Archive.Integrity.Ledger.Witness;
using Archive.Storage;
using Npgsql;
using Spectre.Console;

namespace Archive.Api.Cli;

/// <summary>
/// <c>verify --ledger</c>: the ledger self-audit (账本自检) on demand, with the same <c>ARCHIVE_*</c> settings as <c>serve</c>.
/// It builds only the database, the stores and the ledger — not the host — so it runs even when the host refuses to
/// start because the database contradicts the witnessed checkpoints. Appends <c>ledger.audited</c> and prints the findings.
/// </summary>
internal static class LedgerAuditCommand
{
    /// <summary>Exit code when the audit found a disagreement.</summary>
    public const int AuditFailed = 1;

    public static async Task<int> RunAsync(IAnsiConsole console, IReadOnlyDictionary<string, string?>? overrides, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        var settings = ArchiveSettings.From(builder.Configuration);
        using var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        await using var dataSource = new NpgsqlDataSourceBuilder(settings.Database).UseNodaTime().Build();
        await LedgerSchema.MigrateAsync(settings.DatabaseOwner, ct);
        await DatabaseRoles.SecureAsync(settings, loggers.CreateLogger(typeof(DatabaseRoles)), ct);
        SecretFiles.RefuseExposedSigningKey(settings.LedgerKeyFile);
        var signer = LedgerSigningKey.LoadOrCreate(settings.LedgerSigningKey, settings.LedgerKeyFile, settings.LedgerOrigin);
        var witness = new StoreCheckpointWitness(
            [new(StoreNames.Online, ObjectStoreFactory.Create(settings.OnlineStore)), new(StoreNames.Offline, ObjectStoreFactory.Create(settings.OfflineStore))],
            signer.Verifier.ToVerifierKey());
        await using var ledger = new PostgresLedger(dataSource, NodaTime.SystemClock.Instance, signer,
            new LedgerOptions { Origin = settings.LedgerOrigin, CheckpointInterval = settings.CheckpointInterval },
            loggers.CreateLogger<PostgresLedger>(), witness);

        console.MarkupLine("[grey]正在自检账本：由条目重算叶哈希与整棵树，核对每个检查点的签名与一致性，并与存储中的见证检查点比对…[/]");
        var (report, index) = await new LedgerAuditRun(new LedgerAuditor(dataSource, ledger.VerifierKey, witness), ledger).RunAsync(ct);
        Write(console, report, index);
        return report.Passed ? ArchiveCli.Success : AuditFailed;
    }

    private static void Write(IAnsiConsole console, LedgerAuditReport report, long entryIndex)
    {
        var witnessed = report.WitnessedTreeSize is { } w ? w.ToString(System.Globalization.CultureInfo.InvariantCulture) : "无";
        console.MarkupLine($"条目 {report.Size} 条，检查点 {report.CheckpointsChecked} 个，最新见证检查点大小 {witnessed}；结果已记入账本条目 {entryIndex}（ledger.audited）。");
        if (report.Passed)
        {
            console.MarkupLine("[green]账本自检通过。[/]");
            return;
        }

        var severity = report.Critical ? "[red bold]严重：数据库与见证检查点不一致（可能从旧备份恢复或被改写），拒绝签署新的检查点。[/]" : "[red]账本自检未通过。[/]";
        console.MarkupLine(severity);
        console.MarkupLine($"首个异常条目序号：[bold]{report.FirstBadIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "未知"}[/]");
        var table = new Table().AddColumns("类型", "序号", "说明");
        foreach (var finding in report.Findings)
        {
            table.AddRow(Markup.Escape(finding.Kind), finding.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", Markup.Escape(finding.Message));
        }

        console.Write(table);
    }
}
