using System.Globalization;
using Archive.Api.Problems;
using Archive.Api.Reports;
using Archive.Ingest.Reporting;
using Archive.Integrity.Custody;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Verification;

/// <summary>
/// The 四性检测报告 of a verification run (DA/T 70: 真实性、完整性、可用性、安全性), rendered in Chinese from the run's
/// stored record; the report document's SHA-256 (in <c>verification.completed</c>) is printed so the PDF can be tied to
/// the ledger.
/// </summary>
public static class ReportPdf
{

    /// <summary>Answers the PDF of a completed run; 404 when unknown, 409 while it runs.</summary>
    internal static async Task<IResult> GetAsync(Guid id, VerificationRunStore runs, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run)
        {
            return ApiProblem.NotFound("verification.not-found", "校验任务不存在。");
        }

        if (run.Status != VerificationRunStatus.Completed)
        {
            return ApiProblem.Conflict("verification.not-completed", "校验任务尚未完成，完成后方可生成检测报告。");
        }

        var pdf = ChineseTextPdf.Render(Document(run));
        return TypedResults.File(pdf, "application/pdf", $"verification-{run.Id:N}.pdf");
    }

    /// <summary>The report's text.</summary>
    /// <param name="run">A completed run.</param>
    public static PdfTextDocument Document(VerificationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var copies = string.Join("、", run.Copies.Select(CopyText));
        var failed = run.Failures.Count;
        var unrepaired = run.Failures.Count(f => !f.Repaired);
        var paragraphs = new List<string>
        {
            $"任务编号：{run.Id:D}",
            $"触发方式：{(run.Trigger == "scheduled" ? "定期校验" : "人工发起")}；校验范围：{(run.Projects is { } p ? string.Join("、", p) : "全部项目")}；副本：{copies}。",
            $"开始时间：{Format(run.StartedAt)}；完成时间：{Format(run.CompletedAt)}（北京时间）。",
            $"账本记录：verification.completed 序号 {run.LedgerIndex?.ToString(CultureInfo.InvariantCulture) ?? "—"}；报告摘要 SHA-256：{run.ReportSha256 ?? "—"}。",
            "一、真实性检测",
            $"对 {run.ObjectsChecked} 个对象、共 {run.BytesChecked} 字节重新计算 SHA-256 与 SM3 摘要，并与封存清单及 package.sealed 账本记录所载摘要比对；"
                + (failed == 0 ? "全部一致。" : $"发现 {failed} 个对象不一致或缺失。"),
            "二、完整性检测",
            failed == 0 ? "清单所列对象及离线包标签文件、证据文件齐全，大小与封存时一致。" : $"{failed} 个对象缺失、截断或大小不符，明细见第五部分。",
            "三、可用性检测",
            unrepaired == 0 ? "所有对象可正常读取；校验失败的对象已自另一副本修复并复核通过。" : $"{unrepaired} 个对象未能修复，暂不可用。",
            "四、安全性检测",
            run.Lost == 0
                ? $"两个副本之间互为备份，修复仅在源副本通过双摘要校验后进行；本次修复 {run.Repaired} 个对象，均已记入账本（copy.failed / copy.repaired）。"
                : $"有 {run.Lost} 个对象在两个副本中均未通过校验（copy.lost），相关项目已标记，读取时将拒绝输出，请立即处置。",
            "五、异常明细",
        };
        if (failed == 0)
        {
            paragraphs.Add("无。");
        }

        foreach (var f in run.Failures)
        {
            paragraphs.Add($"项目 {f.Project} 第 {f.Version} 版 {CopyText(f.Copy)} {FailureText(f)}");
        }

        paragraphs.Add($"结论：{(run.Lost > 0 ? "不合格，存在无法修复的损毁" : unrepaired > 0 ? "存在未修复的异常" : "合格")}。");
        return new PdfTextDocument("电子档案四性检测报告", paragraphs)
        {
            Subject = "固定性校验（真实性、完整性、可用性、安全性）",
            Author = "电子档案系统",
            CreatedAt = (run.CompletedAt ?? run.CreatedAt).ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)),
            Footer = $"校验任务 {run.Id:D}",
        };
    }

    /// <summary>A copy in Chinese.</summary>
    internal static string CopyText(CopyKind copy) => copy == CopyKind.Online ? "在线副本" : "离线副本";

    /// <summary>One failure of a run in Chinese: path, kind, outcome and ledger index.</summary>
    internal static string FailureText(VerificationFailure f) =>
        $"{f.Path}：{KindText(f.Kind)}，{(f.Lost ? "两副本均损毁" : f.Repaired ? "已修复" : "未修复")}（账本序号 {f.LedgerIndex?.ToString(CultureInfo.InvariantCulture) ?? "—"}）。";

    /// <summary>A time in Beijing time, or a dash.</summary>
    internal static string Format(Instant? instant) => BeijingTime.Format(instant);

    /// <summary>A failure kind in Chinese.</summary>
    internal static string KindText(string kind) => kind switch
    {
        FailureKind.Mismatch => "摘要不符",
        FailureKind.Missing => "对象缺失",
        FailureKind.Truncated => "内容被截断",
        FailureKind.WrongSize => "大小不符",
        FailureKind.Unreadable => "无法读取",
        _ => kind,
    };
}
