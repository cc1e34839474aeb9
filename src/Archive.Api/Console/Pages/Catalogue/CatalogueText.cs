using Archive.Ingest.Arrangement;
using Archive.Ingest.Reporting;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Console.Pages.Catalogue;

/// <summary>How the catalogue screens write categories, times and links (Chinese, Asia/Shanghai).</summary>
public static class CatalogueText
{
    private static readonly ZonedDateTimePattern Pattern = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm", null);

    /// <summary>The sort keys and their Chinese names, in the select's order.</summary>
    public static IReadOnlyList<(string Key, string Name)> SortKeys { get; } =
    [
        ("receivedAt", "首次接收时间"), ("sealedAt", "最近封存时间"), ("code", "项目编号"), ("name", "项目名称"), ("category", "交易类别"), ("region", "行政区划"),
    ];

    /// <summary>The Chinese name of a category slug (the slug itself when unknown).</summary>
    /// <param name="slug">The slug.</param>
    public static string Category(string slug) => slug switch
    {
        "engineering" => "工程建设",
        "procurement" => "政府采购",
        "land" => "土地使用权",
        "mining" => "矿业权",
        "state-assets" => "国有产权",
        "other" => "其他",
        _ => slug,
    };

    /// <summary>The Chinese name of a copy's state (<c>confirmed</c>, <c>damaged</c>, <c>repaired</c>).</summary>
    /// <param name="state">The state.</param>
    public static string CopyState(string state) => state switch
    {
        "confirmed" => "已确认",
        "damaged" => "已损坏",
        "repaired" => "已修复",
        _ => state,
    };

    /// <summary>开放状态 and 密级 in Chinese, e.g. “不开放 · 内部”.</summary>
    /// <param name="openStatus"><c>open</c> or <c>closed</c>.</param>
    /// <param name="classification"><c>public</c>, <c>internal</c>, <c>secret</c>, <c>confidential</c> or <c>top-secret</c>.</param>
    public static string AccessStatus(string openStatus, string classification) =>
        AccessStatusNames.OpenStatus(openStatus) + " · " + AccessStatusNames.Classification(classification);

    /// <summary>A time in Asia/Shanghai to the minute, or a dash.</summary>
    /// <param name="instant">The time.</param>
    public static string Time(Instant? instant) => instant is { } i ? Pattern.Format(i.InZone(BeijingTime.Zone)) : "—";

    /// <summary>The project page of a code (a <c>/</c> inside the code travels as <c>%2F</c>).</summary>
    /// <param name="code">The project code.</param>
    public static string ProjectLink(string code) => "/projects/" + Uri.EscapeDataString(code);

    /// <summary>The item view of a path in a version.</summary>
    /// <param name="code">The project code.</param>
    /// <param name="path">The item path.</param>
    /// <param name="version">The version.</param>
    public static string ItemLink(string code, string path, int version) =>
        ProjectLink(code) + "/items/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString))
        + "?version=" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
