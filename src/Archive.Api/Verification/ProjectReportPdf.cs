using System.Text.Json.Nodes;
using Archive.Api.Problems;
using Archive.Api.Reports;
using Archive.Ingest.FourProperties;
using Archive.Ingest.Reading;
using Archive.Integrity.Custody;
using NodaTime;

namespace Archive.Api.Verification;

/// <summary>
/// A project's 四性检测报告 for archivists: the seal-time checks of each sealed version (真实性、完整性、可用性、安全性, from
/// the record each bag carries), the latest verification run of each copy with this project's failures, the check
/// programs with their versions, and the malware signature database loaded — built from the run report's blocks.
/// </summary>
public static class ProjectReportPdf
{
    /// <summary>Answers the PDF of a project; 404 when the project has no sealed version.</summary>
    internal static async Task<IResult> GetAsync(
        string code, ProjectCatalog catalog, SealCheckHistory checks, VerificationRunStore runs, IClock clock, CancellationToken ct)
    {
        code = code.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Normalize(System.Text.NormalizationForm.FormC);
        var versions = await checks.ForProjectAsync(code, ct);
        if (versions.Count == 0)
        {
            return await catalog.ExistsAsync(code, ct)
                ? ApiProblem.NotFound("version.not-found", "该项目尚未封存，没有可报告的检测结果。")
                : ApiProblem.NotFound("project.not-found", "项目不存在。");
        }

        var latest = new List<(CopyKind Copy, LastVerification Last, VerificationRun? Run)>();
        foreach (var (copy, last) in await runs.LastVerificationAsync(code, ct))
        {
            latest.Add((copy, last, await runs.GetAsync(last.Run, ct)));
        }

        var document = Document(code, versions, latest, await checks.ToolVersionsAsync(ct), checks.SignatureDescription, clock.GetCurrentInstant());
        return TypedResults.File(ChineseTextPdf.Render(document), "application/pdf", "four-properties-report.pdf");
    }

    /// <summary>The report's text.</summary>
    /// <param name="code">The project.</param>
    /// <param name="versions">Its versions' seal-time records.</param>
    /// <param name="latest">The latest run of each copy that checked the project.</param>
    /// <param name="tools">The check programs and their versions.</param>
    /// <param name="signatures">The malware signature database loaded.</param>
    /// <param name="now">When the report is made.</param>
    public static PdfTextDocument Document(
        string code, IReadOnlyList<VersionSealChecks> versions, IReadOnlyList<(CopyKind Copy, LastVerification Last, VerificationRun? Run)> latest,
        IReadOnlyList<(string Tool, string Version)> tools, string signatures, Instant now)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(tools);
        var problems = 0;
        var paragraphs = new List<string>
        {
            $"项目编号：{code}；封存版本 {versions.Count} 个；报告生成时间：{ReportPdf.Format(now)}（北京时间）。",
            "一、检测工具",
        };
        paragraphs.AddRange(tools.Select(t => $"{t.Tool}：{t.Version}"));
        paragraphs.Add($"恶意代码签名库：{signatures}");
        paragraphs.Add("二、封存时四性检测（各版本）");
        foreach (var version in versions)
        {
            paragraphs.Add($"第 {version.Version} 版，封存于 {ReportPdf.Format(version.SealedAt)}：");
            if (version.Record is not { } record)
            {
                paragraphs.Add("无封存时检测记录（该版本封存于四性检测启用之前），其固定性由保管期间的校验覆盖。");
                continue;
            }

            paragraphs.Add($"真实性：{(string?)record["authenticity"]?["digests"]}；来源 {(string?)record["authenticity"]?["source"]}。");
            paragraphs.Add($"完整性：新条目 {(int?)record["integrity"]?["itemCount"]} 个，共 {(long?)record["integrity"]?["bytes"]} 字节，清单检查 {(string?)record["integrity"]?["checklist"]}。");
            paragraphs.Add($"签名库（封存时）：{(string?)record["malwareSignatures"]}");
            foreach (var item in record["items"]?.AsArray() ?? [])
            {
                var (text, bad) = ItemText(item!.AsObject());
                problems += bad ? 1 : 0;
                paragraphs.Add(text);
            }
        }

        paragraphs.Add("三、保管期间固定性校验（各副本最近一次）");
        foreach (var copy in new[] { CopyKind.Online, CopyKind.Offline })
        {
            if (latest.FirstOrDefault(l => l.Copy == copy) is not { Last: { } last } found)
            {
                paragraphs.Add($"{ReportPdf.CopyText(copy)}：尚未校验。");
                continue;
            }

            paragraphs.Add($"{ReportPdf.CopyText(copy)}：{ReportPdf.Format(last.At)} 校验任务 {last.Run:D}，结果：{ResultText(last.Result)}。");
            foreach (var failure in found.Run?.Failures.Where(f => f.Project == code && f.Copy == copy) ?? [])
            {
                problems += failure.Repaired ? 0 : 1;
                paragraphs.Add($"第 {failure.Version} 版 {ReportPdf.FailureText(failure)}");
            }
        }

        var lost = latest.Any(l => l.Last.Result == "lost");
        paragraphs.Add($"结论：{(lost ? "不合格，存在两副本均无法修复的损毁" : problems > 0 ? $"存在 {problems} 项异常或未完全检测的条目，详见上文" : "合格")}。");
        return new PdfTextDocument("电子档案四性检测报告（项目）", paragraphs)
        {
            Subject = "项目四性检测：真实性、完整性、可用性、安全性",
            Author = "电子档案系统",
            CreatedAt = now.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)),
            Footer = $"项目 {code}",
        };
    }

    /// <summary>One item's usability and security results; "bad" when either is not a clean pass.</summary>
    private static (string Text, bool Bad) ItemText(JsonObject item)
    {
        var usability = item["usability"];
        var security = item["security"];
        var usable = (string?)usability?["result"];
        var scanned = (string?)security?["result"];
        var media = (string?)usability?["container"] is { } container ? $"，容器 {container}，时长 {(string?)usability?["durationSeconds"]} 秒" : "";
        var securityText = scanned switch
        {
            "clean" => "未发现恶意代码",
            "infected" => $"发现恶意代码 {(string?)security?["signature"]}（已隔离）",
            "partial" => $"仅部分扫描：超过 ClamAV 扫描上限 {(long?)security?["limitBytes"]} 字节（{(string?)security?["limit"]}），超出部分未扫描，不作为“未发现恶意代码”",
            "not-scanned" => "未扫描",
            _ => scanned ?? "无记录",
        };
        var text = $"{(string?)item["path"]}：可用性 {(string?)usability?["reader"]} {UsabilityText(usable)}{media}；安全性 {(string?)security?["scanner"]} {securityText}。";
        return (text, usable is not ("ok" or "not-checked") || scanned != "clean");
    }

    private static string UsabilityText(string? result) => result switch
    {
        "ok" => "可正常打开",
        "unreadable" => "无法打开",
        "not-checked" => "未检测",
        _ => result ?? "无记录",
    };

    private static string ResultText(string result) => result switch
    {
        "ok" => "全部一致",
        "repaired" => "发现异常，已自另一副本修复",
        "lost" => "两副本均损毁",
        _ => result,
    };
}
