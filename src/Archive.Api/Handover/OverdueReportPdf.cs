using Archive.Api.Reports;
using Archive.Ingest.Reporting;

namespace Archive.Api.Handover;

/// <summary>The 未归档情况报告 (Chinese PDF) for the supervising department, from the same figures as the JSON report.</summary>
public static class OverdueReportPdf
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The report as the JSON endpoint answers it.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] Render(OverdueReportApi.OverdueReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scope = (report.Platform, report.Region) switch
        {
            (null, null) => "全部交易平台、全部地区",
            _ => $"交易平台：{report.Platform ?? "全部"}；地区：{report.Region ?? "全部"}",
        };
        var p = new List<string>
        {
            $"报送：行政监督部门。依据：云南省公共资源交易平台服务标准 5.6.6（违反规定拒绝提供归档资料的，应及时向有关行政监督部门报告）。",
            $"范围：{scope}；生成时间：{BeijingTime.Format(report.GeneratedAt)}（北京时间）；逾期未归档项目 {report.ProjectCount} 个。",
        };
        if (report.ProjectCount == 0)
        {
            p.Add("没有超过归档期限仍缺必须归档材料的项目。");
        }

        var n = 0;
        foreach (var project in report.Projects)
        {
            n++;
            p.Add($"{n}. 项目编号 {project.ProjectCode}　{project.Name}");
            p.Add($"交易类别：{project.Category}；交易平台：{project.Platform}；地区：{project.Region ?? "未登记"}；归档期限：{project.DueDate}，已逾期 {project.DaysOverdue} 天（账本序号 {project.LedgerIndex}）。");
            foreach (var m in project.Missing)
            {
                p.Add($"　缺少：{m.Message}（自 {BeijingTime.Format(m.Since)} 起，已缺 {m.DaysMissing} 天）");
            }

            foreach (var g in project.Gaps)
            {
                p.Add($"　缺件说明：{g.Title}（{g.Role}）——{g.Reason}（档案管理员 {g.RecordedBy} 登记）");
            }

            p.Add(project.Reminders.Count == 0
                ? "　催交：尚未发送。"
                : $"　催交：共 {project.Reminders.Count} 次——" + string.Join("；", project.Reminders.Select(r => $"{BeijingTime.Format(r.SentAt)} 致 {r.Platform}（期限 {r.DueDate}，账本序号 {r.LedgerIndex}）")));
        }

        return ChineseTextPdf.Render(new PdfTextDocument("未归档情况报告", p)
        {
            Subject = "逾期未移交归档材料的交易项目",
            Author = "公共资源交易中心电子档案系统",
            Footer = "未归档情况报告",
        });
    }
}
