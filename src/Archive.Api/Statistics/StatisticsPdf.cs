using System.Globalization;
using Archive.Api.Reports;
using Archive.Ingest.Reporting;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Statistics;

/// <summary>The 统计报表 as a Chinese PDF, rendered with <see cref="ChineseTextPdf"/> from the same figures the API answers.</summary>
public static class StatisticsPdf
{

    /// <summary>Renders the report.</summary>
    /// <param name="figures">The year's figures.</param>
    /// <returns>The PDF bytes.</returns>
    public static byte[] Render(AnnualStatistics figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var generated = InstantPattern.ExtendedIso.Parse(figures.GeneratedAt).GetValueOrThrow();
        var t = figures.Totals;
        var v = figures.Verification;
        List<string> p =
        [
            $"统计期间：{figures.From} 至 {figures.To}（北京时间）　生成时间：{Time(generated)}",
            "一、归档情况",
            $"归档项目 {N(t.Projects)} 个，版本 {N(t.Versions)} 个，条目 {N(t.Items)} 件，数据量 {Bytes(t.Bytes)}；"
                + $"录音录像 {N(t.Recordings)} 件，时长 {t.RecordingHours.ToString("0.00", CultureInfo.InvariantCulture)} 小时"
                + (t.RecordingsWithoutDuration > 0 ? $"（另有 {N(t.RecordingsWithoutDuration)} 件封存时未读取时长，未计入）" : string.Empty) + "。",
            $"逾期未归档项目：{(t.Overdue is { } o ? $"{N(o)} 个" : "暂不统计")}" + (figures.OverdueNote is { } note ? $"（{note}）" : string.Empty),
            "二、按交易类别",
            .. figures.ByCategory.Select(Row),
            "三、按地区（行政区划代码）",
            .. figures.ByRegion.Select(Row),
            "四、按交易平台",
            .. figures.ByPlatform.Select(Row),
            "五、查阅与复制（按单位）",
            $"全年查阅 {N(t.Reads)} 次，复制 {N(t.Copies)} 次（每次内容读取、复制均记入账本 access.read / access.copied）。",
        ];
        if (figures.ByAgency.Count == 0)
        {
            p.Add("本年度无查阅或复制记录。");
        }

        p.AddRange(figures.ByAgency.Select(a =>
            $"{a.Organization ?? StatisticsLabels.Unspecified}：查阅 {N(a.Reads)} 次，复制 {N(a.Copies)} 次，涉及项目 {N(a.Projects)} 个"));
        p.Add("六、检测与修复");
        p.Add($"校验任务 {N(v.Runs)} 次（完成 {N(v.Completed)} 次，未完成 {N(v.Failed)} 次），校验对象 {N(v.ObjectsChecked)} 个、{Bytes(v.BytesChecked)}；"
            + $"发现异常 {N(v.Failures)} 个，已修复 {N(v.Repaired)} 个，灭失 {N(v.Lost)} 个。");
        return ChineseTextPdf.Render(new PdfTextDocument($"公共资源交易电子档案统计报表（{figures.Year} 年度）", p)
        {
            Subject = $"{figures.Year} 年度统计报表",
            Author = "公共资源交易电子档案系统",
            CreatedAt = generated.ToDateTimeOffset(),
            Footer = $"{figures.Year} 年度统计报表　生成时间 {Time(generated)}",
        });
    }

    private static string Row(StatisticsRow r) =>
        $"{r.Label}{(r.Key is { } k && k != r.Label ? $"（{k}）" : string.Empty)}：项目 {N(r.Projects)} 个，版本 {N(r.Versions)} 个，条目 {N(r.Items)} 件，"
        + $"{Bytes(r.Bytes)}，录音录像 {r.RecordingHours.ToString("0.00", CultureInfo.InvariantCulture)} 小时，查阅 {N(r.Reads)} 次，复制 {N(r.Copies)} 次，"
        + $"校验异常 {N(r.VerificationFailures)} 个（修复 {N(r.Repaired)}，灭失 {N(r.Lost)}）"
        + (r.Overdue is { } o ? $"，逾期未归档 {N(o)} 个" : string.Empty);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Bytes with a binary unit, e.g. <c>1,536 字节（1.50 KiB）</c>.</summary>
    /// <param name="bytes">A byte count.</param>
    public static string Bytes(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
        var value = (double)bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit < 0 ? $"{N(bytes)} 字节" : $"{N(bytes)} 字节（{value.ToString("0.00", CultureInfo.InvariantCulture)} {units[unit]}）";
    }

    private static string Time(Instant instant) => BeijingTime.Format(instant);
}
