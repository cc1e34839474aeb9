using Archive.Ingest.Reporting;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Transfer;

/// <summary>The Chinese wording shared by a transfer's XML and PDF documents.</summary>
public static class TransferLabels
{
    /// <summary>保管期限 as written: 永久, or 至 yyyy-MM-dd.</summary>
    /// <param name="until">The end of retention, null when permanent.</param>
    public static string Retention(LocalDate? until) => until is { } date ? "至 " + LocalDatePattern.Iso.Format(date) : "永久";

    /// <summary>A date in Asia/Shanghai, yyyy-MM-dd.</summary>
    /// <param name="instant">The instant.</param>
    public static LocalDate Date(Instant instant) => instant.InZone(BeijingTime.Zone).Date;

    /// <summary>The number of distinct projects in a transfer.</summary>
    /// <param name="plan">The transfer.</param>
    public static int Projects(TransferPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Versions.Select(v => v.Project.Code).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>The checks the receiving archive can repeat, as listed in the handover form.</summary>
    public static IReadOnlyList<string> Checks { get; } =
    [
        "每个版本为一个 BagIt（RFC 8493）数据包，可用 bagit.py --validate 或 sha256sum -c manifest-sha256.txt 校验",
        "每个数据包 archive/ 目录含 package.sealed 账本条目、包含性证明与签名检查点，可用 ledger-verify 独立验证",
        "著录、移交清单与交接文据的 XML 符合包内 schemas/transfer.xsd",
        "整个移交包（zip）的 SHA-256 记于账本条目 transfer.exported",
    ];
}
