using Archive.Ingest.Reporting;
using System.Text;
using Archive.Ingest.Reading;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Projects;

/// <summary>
/// The catalogue as CSV (RFC 4180) for archivists: UTF-8 with a byte-order mark so that Excel opens the Chinese
/// correctly, CRLF line ends, Chinese column headings; times in Asia/Shanghai. Cells that a spreadsheet would read as
/// a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) get a leading apostrophe.
/// </summary>
public static class CatalogCsv
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;
    private static readonly ZonedDateTimePattern Time = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss", null);

    /// <summary>The file's bytes, BOM first.</summary>
    /// <param name="entries">The rows.</param>
    public static byte[] Bytes(IEnumerable<CatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var csv = new StringBuilder();
        Line(csv, ["项目编号", "项目名称", "交易类别", "行政区划", "交易平台", "最新版本", "首次接收时间", "首次封存时间", "最近封存时间", "全文命中条目", "全文摘录"]);
        foreach (var e in entries)
        {
            Line(csv, [e.Code, e.Name, e.Category, e.Region ?? "", e.Platform, e.LatestVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Format(e.ReceivedAt), Format(e.FirstSealedAt), Format(e.LastSealedAt), e.Match?.Path ?? "", e.Match?.Snippet ?? ""]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Format(Instant? instant) => instant is { } i ? Time.Format(i.InZone(Shanghai)) : "";

    private static void Line(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var cell = cells[i] is [ '=' or '+' or '-' or '@', ..] c ? "'" + c : cells[i];
            csv.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }

        csv.Append("\r\n");
    }
}
