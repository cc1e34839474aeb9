using Archive.Ingest.Reporting;
using System.Globalization;
using Archive.Api.Reports;
using Archive.Ingest.Retention;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Retention;

/// <summary>The 销毁清册 (register of destroyed records) as a Chinese PDF, rendered before any content is deleted.</summary>
public sealed class DisposalRegisterPdf : IDisposalRegisterRenderer
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <inheritdoc/>
    public byte[] Render(DisposalRegister register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var d = register.Disposal;
        var paragraphs = new List<string>
        {
            $"销毁鉴定编号：{d.Id:D}",
            $"销毁理由：{d.Reason}",
            $"提出人（档案员）：{d.ProposedBy}，{Time(d.ProposedAt)}，账本序号 {d.ProposedEntry}（disposal.proposed）",
            "鉴定意见（鉴定小组，监销人）：",
        };
        paragraphs.AddRange(d.Decisions.Select(x =>
            $"监销人 {x.ApproverName}：{(x.Decision == Disposals.Dispose ? "同意销毁" : "继续保存")}，{Time(x.DecidedAt)}，账本序号 {x.LedgerIndex}（appraisal.decided）{(x.Comment is null ? string.Empty : "；意见：" + x.Comment)}"));
        paragraphs.Add($"销毁项目共 {register.Versions.Select(v => v.ProjectCode).Distinct(StringComparer.Ordinal).Count()} 个、版本 {register.Versions.Count} 个、条目 {register.Versions.Sum(v => v.Items.Count)} 个。清单（封存清单本身保留，不销毁）：");
        foreach (var v in register.Versions)
        {
            paragraphs.Add($"项目 {v.ProjectCode}《{v.ProjectName}》第 {v.Version} 版；清单 SHA-256 {v.ManifestSha256}；保管依据：保存策略 {v.Policy}，封存时保管至 {Date(v.SealedUntil)}，实际保管至 {Date(v.RetainUntil)}。");
            paragraphs.AddRange(v.Items.Select((i, n) => string.Create(CultureInfo.InvariantCulture,
                $"  {n + 1}. {i.Path}（{i.Role}，{i.Size} 字节）SHA-256 {i.Sha256}；SM3 {i.Sm3}")));
        }

        if (register.Items.Count > 0)
        {
            paragraphs.Add($"单独销毁的条目共 {register.Items.Count} 个（自身保管期满；所在版本及其其他条目继续保存，清单保留）：");
            paragraphs.AddRange(register.Items.Select((i, n) => string.Create(CultureInfo.InvariantCulture,
                $"  {n + 1}. 项目 {i.ProjectCode}《{i.ProjectName}》第 {i.Version} 版（清单 SHA-256 {i.ManifestSha256}）条目 {i.Item.Path}（{i.Item.Role}，{i.Item.Size} 字节）SHA-256 {i.Item.Sha256}；SM3 {i.Item.Sm3}；保管依据：保存策略 {i.Policy}，条目封存时保管至 {Date(i.Item.Retention?.Until)}，实际保管至 {Date(i.RetainUntil)}。")));
        }

        paragraphs.Add("本清册先于删除内容生成并存入在线、离线两份存储；删除完成后，每个版本（及单独销毁条目所在的每个版本）以账本条目 retention.disposed 记录其全部摘要与鉴定依据。");
        return ChineseTextPdf.Render(new PdfTextDocument("电子档案销毁清册", paragraphs)
        {
            Subject = "保管期满鉴定销毁",
            Author = "电子档案系统",
            CreatedAt = register.PreparedAt.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)),
            Footer = $"销毁鉴定 {d.Id:D}",
        });
    }

    private static string Time(Instant instant) => instant.InZone(Shanghai).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Date(LocalDate? date) => date is { } value ? LocalDatePattern.Iso.Format(value) : "永久";
}
