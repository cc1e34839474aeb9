using System.Globalization;
using Archive.Api.Reports;

namespace Archive.Demo;

/// <summary>The text of the samples' PDF documents (公告、文件、报告、通知书、合同 …), rendered by <see cref="ChineseTextPdf"/>.</summary>
internal static class DemoDocuments
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static PdfTextDocument Document(DemoProject p, string title, string role, DemoParty? bidder = null)
    {
        var heading = bidder is null ? $"{p.Name}{title}" : $"{p.Name}{title}（{bidder.Name}）";
        var paragraphs = new List<string>
        {
            $"项目名称：{p.Name}",
            $"项目编号：{p.Code}",
            $"项目所在地：云南省{p.City}（行政区划代码 {p.Region}）",
            $"{p.Owner.Role}：{p.Owner.Name}（统一社会信用代码 {p.Owner.CreditCode}）",
        };
        if (p.Agency is { } agency)
        {
            paragraphs.Add($"{agency.Role}：{agency.Name}（统一社会信用代码 {agency.CreditCode}）");
        }

        paragraphs.AddRange(Body(p, title, role, bidder));
        paragraphs.Add($"本文件为电子档案系统演示数据，内容虚构，仅用于展示“一项一档”归档流程。");
        return new PdfTextDocument(heading, paragraphs)
        {
            Subject = title,
            Author = bidder?.Name ?? p.Owner.Name,
            Footer = p.Code,
            CreatedAt = DateTimeOffset.Parse(p.Dates.Announcement + "T09:00:00+08:00", CultureInfo.InvariantCulture),
        };
    }

    private static IEnumerable<string> Body(DemoProject p, string title, string role, DemoParty? bidder)
    {
        var amount = p.Amount.ToString("N2", Zh);
        var winner = p.Bidders[0];
        switch (role)
        {
            case var r when r.EndsWith("notice", StringComparison.Ordinal) || r.EndsWith("publicity", StringComparison.Ordinal) || r == "pre-disclosure":
                yield return $"一、公告/公示日期：{p.Dates.Announcement}。本{title}在云南省公共资源交易电子服务系统及指定媒介同步发布，发布内容以电子交易系统固化的快照为准。";
                yield return $"二、交易（开标）时间：{p.Dates.Opening} 09:30（北京时间），地点：{p.City}公共资源交易中心开标室（全流程电子化的项目在线开标）。";
                if (role.Contains("award", StringComparison.Ordinal) || role.Contains("result", StringComparison.Ordinal) || role.Contains("candidate", StringComparison.Ordinal))
                {
                    yield return $"三、结果：第一名（中标/成交/竞得人）为 {winner.Name}，金额人民币 {amount} 元。公示期自发布之日起不少于三个工作日，对结果有异议的，请在公示期内以书面形式提出。";
                }
                else
                {
                    yield return $"三、凡符合资格条件并有意参加的单位，请于 {p.Dates.Opening} 前通过电子交易系统下载文件并递交响应材料。";
                }

                break;
            case "bid-documents" or "response-documents" or "bid-applications" or "transferee-registration":
                yield return $"递交单位：{bidder?.Name}（统一社会信用代码 {bidder?.CreditCode}）。";
                yield return $"我方已详细研究{p.Owner.Role}发布的全部文件，愿按其要求参加本项目，承诺所提交材料真实、完整、有效。";
                yield return $"报价：人民币 {(p.Amount * (1 + (0.013m * Index(p, bidder)))).ToString("N2", Zh)} 元（含税）。";
                break;
            case "evaluation-report":
                yield return $"评标委员会由 5 人组成，于 {p.Dates.Opening} 依法进行评审。经资格审查、符合性审查及详细评审，推荐中标候选人排序如下：";
                for (var i = 0; i < p.Bidders.Count; i++)
                {
                    yield return $"第 {i + 1} 名：{p.Bidders[i].Name}，综合得分 {(92.5m - (3.25m * i)).ToString("0.00", Zh)} 分。";
                }

                break;
            case var c when c.Contains("contract", StringComparison.Ordinal) || c == "deal-confirmation" || c == "award-letter" || c == "transaction-certificate":
                yield return $"甲方：{p.Owner.Name}；乙方：{winner.Name}（统一社会信用代码 {winner.CreditCode}）。";
                yield return $"依据本项目交易结果，双方确认成交金额为人民币 {amount} 元，于 {p.Dates.Award} 签署本{title}，履约期限至 {p.Dates.Completion}。";
                yield return "双方应按照交易文件和投标（响应、竞买）承诺全面履行义务；本文件一式四份，双方各执两份。";
                break;
            default:
                yield return $"本{title}形成于 {p.Dates.Opening} 前后，记录本项目交易过程中的相应事项，经经办人与负责人签字确认后归档。";
                yield return $"成交结果：{winner.Name}，金额人民币 {amount} 元。";
                break;
        }
    }

    private static int Index(DemoProject p, DemoParty? bidder) => bidder is null ? 0 : Math.Max(0, p.Bidders.ToList().IndexOf(bidder));
}
