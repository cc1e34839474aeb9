using System.Globalization;
using Archive.Api.Reports;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Reporting;
using Archive.Ingest.Transfer;
using NodaTime.Text;

namespace Archive.Api.Transfer;

/// <summary>The 移交清单 and 交接文据 of a transfer as Chinese PDFs (PDFsharp with the embedded CJK font).</summary>
public sealed class TransferDocumentsPdf : ITransferDocumentRenderer
{
    /// <inheritdoc/>
    public byte[] RenderList(TransferPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var paragraphs = new List<string>
        {
            $"移交编号：{plan.Id:D}",
            $"接收单位：{Recipient(plan)}",
            $"移交单位：{plan.Actor.Organization ?? "—"}；移交人：{plan.Actor.Name}；编制时间：{BeijingTime.Format(plan.CreatedAt)}",
            $"共 {TransferLabels.Projects(plan)} 个项目、{plan.Versions.Count} 个封存版本、{plan.Versions.Sum(v => v.Items.Count)} 个电子文件、{Bytes(plan.Versions.Sum(v => v.Items.Sum(i => i.Size)))} 字节。",
        };
        var n = 0;
        foreach (var v in plan.Versions)
        {
            paragraphs.Add(string.Create(CultureInfo.InvariantCulture,
                $"{++n}. 档号 {v.ArchivalCode ?? "（无）"}；项目 {v.Project.Code}《{v.Project.Name}》第 {v.Version} 版；封存于 {BeijingTime.Format(v.SealedAt)}；保管期限 {TransferLabels.Retention(v.RetainUntil)}；{AccessStatusNames.OpenStatus(v.OpenStatus)}，密级 {AccessStatusNames.Classification(v.Classification)}；文件 {v.Items.Count} 个；清单 SHA-256 {v.ManifestSha256}；账本序号 {v.LedgerIndex}（package.sealed）；数据包 bags/{v.BagRoot}"));
            paragraphs.AddRange(v.Items.Select((i, k) => string.Create(CultureInfo.InvariantCulture,
                $"  {n}.{k + 1} {i.Path}（{i.Role}，{i.MediaType}，{i.Size} 字节）SHA-256 {i.Sha256}；SM3 {i.Sm3 ?? "—"}")));
        }

        paragraphs.Add("本清单与包内 transfer-list.xml 内容一致；整个移交包的 SHA-256 在写出完毕后记入账本条目 transfer.exported。");
        return Render("电子档案移交清单", plan, paragraphs);
    }

    /// <inheritdoc/>
    public byte[] RenderHandover(TransferPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var paragraphs = new List<string>
        {
            $"移交编号：{plan.Id:D}",
            $"移交单位：{plan.Actor.Organization ?? "—"}；经办人：{plan.Actor.Name}",
            $"接收单位：{Recipient(plan)}",
            $"移交日期：{LocalDatePattern.Iso.Format(TransferLabels.Date(plan.CreatedAt))}",
            $"移交内容：{TransferLabels.Projects(plan)} 个项目、{plan.Versions.Count} 个封存版本、{plan.Versions.Sum(v => v.Items.Count)} 个电子文件、{Bytes(plan.Versions.Sum(v => v.Items.Sum(i => i.Size)))} 字节；封存时间 {LocalDatePattern.Iso.Format(TransferLabels.Date(plan.Versions.Min(v => v.SealedAt)))} 至 {LocalDatePattern.Iso.Format(TransferLabels.Date(plan.Versions.Max(v => v.SealedAt)))}。明细见移交清单。",
            "载体与方式：网络传输，zip 文件（每个封存版本一个 BagIt 数据包）。",
            "接收方可复核：",
        };
        paragraphs.AddRange(TransferLabels.Checks.Select((c, i) => $"  {i + 1}. {c}"));
        if (plan.Note is not null)
        {
            paragraphs.Add($"备注：{plan.Note}");
        }

        paragraphs.Add("移交为复制，移交单位保存的档案不因移交而删除；移交后的销毁另经鉴定决定。");
        paragraphs.Add("移交单位（盖章）：              经办人签字：              日期：");
        paragraphs.Add("接收单位（盖章）：              经办人签字：              日期：");
        return Render("电子档案移交交接文据", plan, paragraphs);
    }

    private static byte[] Render(string title, TransferPlan plan, IReadOnlyList<string> paragraphs) =>
        ChineseTextPdf.Render(new PdfTextDocument(title, paragraphs)
        {
            Subject = "向档案馆移交电子档案",
            Author = "电子档案系统",
            CreatedAt = plan.CreatedAt.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)),
            Footer = $"移交 {plan.Id:D}",
        });

    private static string Recipient(TransferPlan plan) =>
        plan.Recipient.Code is null ? plan.Recipient.Name : $"{plan.Recipient.Name}（代码 {plan.Recipient.Code}）";

    private static string Bytes(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);
}
