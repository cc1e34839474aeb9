using Archive.Ingest.Reporting;
using System.Globalization;
using System.Text.Json;
using Archive.Api.Access.Requests;
using Archive.Api.Reports;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Access.Log;

/// <summary>
/// The 档案查阅/复制登记表 of one request, in Chinese: who asked, for what, on which legal basis, every decision and
/// the grant, and every read and copy with its ledger index and digests. Rendered with <see cref="ChineseTextPdf"/>.
/// </summary>
public static class AccessRegisterPdf
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;
    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    /// <summary>Renders the register.</summary>
    /// <param name="request">The request with decisions and grant.</param>
    /// <param name="rows">Its access log rows, in ledger order.</param>
    /// <param name="now">When the register is printed.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] Render(AccessRequest request, IReadOnlyList<AccessLogRow> rows, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rows);
        var p = new List<string>
        {
            $"审批单号：{request.ApprovalNumber}　　申请编号：{request.Id}",
            $"状态：{AccessRequestStatus.Label(request.StatusAt(now))}",
            "一、申请",
            $"申请单位：{request.Organization}　　申请人：{request.RequesterName}",
            $"申请时间：{Time(request.CreatedAt)}",
            $"申请范围：{ScopeNames.Label(request.Scope)}　　期限：{request.Days} 天　　个人信息：{(request.IncludePersonalData ? "不脱敏（经审批）" : "脱敏")}",
            $"项目：{string.Join("、", request.Projects)}",
            $"用途：{request.Purpose}",
            $"法律依据：{request.Basis.Issuer}　{request.Basis.DocumentNumber}",
            request.Document is { } doc
                ? $"法律文书扫描件：{doc.MediaType}，{doc.Size} 字节，SHA-256 {doc.Sha256}（账本序号 {request.RequestedEntry}）"
                : "法律文书扫描件：尚未上传",
            "二、审批",
        };
        if (request.Decisions.Count == 0)
        {
            p.Add("尚无审批意见。");
        }

        foreach (var d in request.Decisions)
        {
            p.Add($"第 {d.Level} 级（共 {request.LevelsRequired} 级）：{(d.Approve ? "同意" : "不同意")}　审批人：{d.ApproverName}"
                + $"{(d.ApproverOrganization is null ? "" : $"（{d.ApproverOrganization}）")}　时间：{Time(d.DecidedAt)}　账本序号 {d.LedgerIndex}"
                + $"{(d.Comment is null ? "" : $"　意见：{d.Comment}")}");
        }

        if (request.Grant is { } g)
        {
            p.Add($"授权：{g.Id}，有效期 {Time(g.StartsAt)} 至 {Time(g.EndsAt)}"
                + (g.RevokedAt is { } revoked ? $"；已于 {Time(revoked)} 撤销（账本序号 {g.RevokedEntry}），理由：{g.RevokeReason}" : string.Empty));
        }

        p.Add("三、查阅/复制记录");
        var releases = rows.Where(r => r.Type is "access.read" or "access.copied" or "access.delivered").ToList();
        if (releases.Count == 0)
        {
            p.Add("尚无查阅或复制记录。");
        }

        foreach (var row in releases)
        {
            p.Add(Describe(row));
        }

        return ChineseTextPdf.Render(new PdfTextDocument("档案查阅/复制登记表", p)
        {
            Subject = $"审批单号 {request.ApprovalNumber}",
            Author = "公共资源交易电子档案系统",
            CreatedAt = now.ToDateTimeOffset(),
            Footer = $"审批单号 {request.ApprovalNumber}　打印时间 {Time(now)}",
        });
    }

    private static string Describe(AccessLogRow row)
    {
        var e = row.Entry;
        string? S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string? N(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null;
        var head = $"账本序号 {row.Index.ToString(CultureInfo.InvariantCulture)}　{Time(row.At)}　";
        if (row.Type == "access.delivered")
        {
            return head + $"交付完成（对应序号 {N("readEntry")}）：{N("bytes")} 字节，SHA-256 {S("sha256")}"
                + (e.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.False ? "，传输中断" : string.Empty);
        }

        var what = S("object") switch
        {
            "manifest" => "版本清单",
            "bag" => "离线包（zip）",
            "item-watermarked" => "条目（加水印）",
            "item-masked" => "条目（个人信息脱敏）",
            _ => "条目",
        };
        return head + $"{(row.Type == "access.copied" ? "复制" : "查阅")}　{row.PrincipalName}（{row.Organization}）　项目 {S("project")} 第 {N("version")} 版　{what}"
            + (S("path") is { } path ? $" {path}" : string.Empty)
            + (S("range") is { } range ? $"　范围 {range}" : string.Empty)
            + $"　原件 SHA-256 {S("sha256")}"
            + (S("deliveredSha256") is { } delivered ? $"　交付件 SHA-256 {delivered}" : string.Empty);
    }

    private static string Time(Instant instant) => TimePattern.Format(instant.InZone(Shanghai).LocalDateTime);
}
