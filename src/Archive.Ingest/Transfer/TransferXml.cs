using System.Globalization;
using System.Text;
using System.Xml;
using Archive.Ingest.Reading;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Transfer;

/// <summary>
/// Writes a transfer's XML documents after <c>schemas/transfer/transfer.xsd</c> (namespace <see cref="Namespace"/>):
/// the archival description of a version, the 移交清单 and the 交接文据.
/// </summary>
internal static class TransferXml
{
    public const string Namespace = "urn:ggzy-yn:archive:transfer:1";

    public const string SchemaFileName = "transfer.xsd";

    private const string SchemaResource = "Archive.Ingest.Transfer.transfer.xsd";

    public static byte[] SchemaBytes()
    {
        using var stream = typeof(TransferXml).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"Embedded resource '{SchemaResource}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static byte[] Description(TransferPlan plan, TransferVersion v) => Write("archivalDescription", plan, w =>
    {
        Optional(w, "archivalCode", v.ArchivalCode);
        w.WriteElementString("title", Namespace, v.Project.Name);
        w.WriteElementString("projectCode", Namespace, v.Project.Code);
        w.WriteElementString("version", Namespace, Int(v.Version));
        w.WriteElementString("category", Namespace, v.Project.Category);
        Optional(w, "region", v.Project.Region);
        w.WriteStartElement("dates", Namespace);
        w.WriteAttributeString("received", DateTime(v.Project.ReceivedAt));
        w.WriteAttributeString("sealed", DateTime(v.SealedAt));
        w.WriteAttributeString("sealedDate", LocalDatePattern.Iso.Format(TransferLabels.Date(v.SealedAt)));
        w.WriteEndElement();
        w.WriteStartElement("retention", Namespace);
        w.WriteAttributeString("permanent", v.RetainUntil is null ? "true" : "false");
        if (v.RetainUntil is { } until)
        {
            w.WriteAttributeString("until", LocalDatePattern.Iso.Format(until));
        }

        w.WriteAttributeString("label", TransferLabels.Retention(v.RetainUntil));
        w.WriteEndElement();
        w.WriteStartElement("responsibility", Namespace);
        w.WriteElementString("creator", Namespace, v.Project.Platform);
        foreach (var party in v.Parties)
        {
            w.WriteStartElement("party", Namespace);
            w.WriteAttributeString("role", party.Role);
            if (!string.IsNullOrEmpty(party.CreditCode))
            {
                w.WriteAttributeString("creditCode", party.CreditCode);
            }

            w.WriteAttributeString("agency", party.IsAgency ? "true" : "false");
            w.WriteString(party.Name);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteElementString("openStatus", Namespace, v.OpenStatus ?? "unset");
        w.WriteElementString("classification", Namespace, v.Classification ?? "unset");
        w.WriteElementString("manifestSha256", Namespace, v.ManifestSha256);
        w.WriteStartElement("ledger", Namespace);
        w.WriteAttributeString("sealedEntryIndex", Int(v.LedgerIndex));
        w.WriteAttributeString("evidence", $"bags/{v.BagRoot}/archive/");
        w.WriteEndElement();
        w.WriteElementString("bag", Namespace, "bags/" + v.BagRoot);
        w.WriteStartElement("items", Namespace);
        w.WriteAttributeString("count", Int(v.Items.Count));
        w.WriteAttributeString("bytes", Int(v.Items.Sum(i => i.Size)));
        foreach (var item in v.Items)
        {
            Item(w, item);
        }

        w.WriteEndElement();
    });

    public static byte[] List(TransferPlan plan) => Write("transferList", plan, w =>
    {
        w.WriteAttributeString("created", DateTime(plan.CreatedAt));
        Recipient(w, plan);
        Transferor(w, plan);
        var n = 0;
        foreach (var v in plan.Versions)
        {
            w.WriteStartElement("entry", Namespace);
            w.WriteAttributeString("number", Int(++n));
            if (v.ArchivalCode is not null)
            {
                w.WriteAttributeString("archivalCode", v.ArchivalCode);
            }

            w.WriteAttributeString("project", v.Project.Code);
            w.WriteAttributeString("version", Int(v.Version));
            w.WriteAttributeString("title", v.Project.Name);
            w.WriteAttributeString("retention", TransferLabels.Retention(v.RetainUntil));
            w.WriteAttributeString("classification", v.Classification ?? "unset");
            w.WriteAttributeString("items", Int(v.Items.Count));
            w.WriteAttributeString("bytes", Int(v.Items.Sum(i => i.Size)));
            w.WriteAttributeString("manifestSha256", v.ManifestSha256);
            w.WriteAttributeString("sealedEntryIndex", Int(v.LedgerIndex));
            w.WriteAttributeString("bag", "bags/" + v.BagRoot);
            w.WriteAttributeString("description", $"descriptions/{v.BagRoot}.xml");
            w.WriteEndElement();
        }

        Totals(w, "totals", plan);
    });

    public static byte[] Handover(TransferPlan plan) => Write("handoverForm", plan, w =>
    {
        w.WriteElementString("title", Namespace, "电子档案移交交接文据");
        Transferor(w, plan);
        Recipient(w, plan);
        w.WriteElementString("date", Namespace, LocalDatePattern.Iso.Format(TransferLabels.Date(plan.CreatedAt)));
        Totals(w, "content", plan);
        w.WriteElementString("carrier", Namespace, "网络传输：zip 文件（每个封存版本一个 BagIt 数据包）");
        foreach (var check in TransferLabels.Checks)
        {
            w.WriteElementString("check", Namespace, check);
        }

        Optional(w, "note", plan.Note);
        w.WriteStartElement("signatures", Namespace);
        foreach (var (side, label) in new[] { ("transferor", "移交单位（盖章）及经办人签字"), ("recipient", "接收单位（盖章）及经办人签字") })
        {
            w.WriteStartElement("signature", Namespace);
            w.WriteAttributeString("side", side);
            w.WriteAttributeString("label", label);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    private static byte[] Write(string root, TransferPlan plan, Action<XmlWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement(root, Namespace);
            w.WriteAttributeString("transfer", plan.Id.ToString("D"));
            body(w);
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void Item(XmlWriter w, SealedItem item)
    {
        w.WriteStartElement("item", Namespace);
        w.WriteAttributeString("path", item.Path);
        w.WriteAttributeString("role", item.Role);
        w.WriteAttributeString("format", item.MediaType);
        w.WriteAttributeString("size", Int(item.Size));
        w.WriteAttributeString("sha256", item.Sha256);
        if (item.Sm3 is not null)
        {
            w.WriteAttributeString("sm3", item.Sm3);
        }

        w.WriteEndElement();
    }

    private static void Recipient(XmlWriter w, TransferPlan plan)
    {
        w.WriteStartElement("recipient", Namespace);
        w.WriteAttributeString("name", plan.Recipient.Name);
        if (plan.Recipient.Code is not null)
        {
            w.WriteAttributeString("code", plan.Recipient.Code);
        }

        w.WriteEndElement();
    }

    private static void Transferor(XmlWriter w, TransferPlan plan)
    {
        w.WriteStartElement("transferor", Namespace);
        w.WriteAttributeString("person", plan.Actor.Name);
        if (!string.IsNullOrEmpty(plan.Actor.Organization))
        {
            w.WriteAttributeString("unit", plan.Actor.Organization);
        }

        w.WriteEndElement();
    }

    private static void Totals(XmlWriter w, string name, TransferPlan plan)
    {
        w.WriteStartElement(name, Namespace);
        w.WriteAttributeString("projects", Int(TransferLabels.Projects(plan)));
        w.WriteAttributeString("versions", Int(plan.Versions.Count));
        w.WriteAttributeString("items", Int(plan.Versions.Sum(v => v.Items.Count)));
        w.WriteAttributeString("bytes", Int(plan.Versions.Sum(v => v.Items.Sum(i => i.Size))));
        if (name == "content")
        {
            w.WriteAttributeString("earliestSealed", LocalDatePattern.Iso.Format(TransferLabels.Date(plan.Versions.Min(v => v.SealedAt))));
            w.WriteAttributeString("latestSealed", LocalDatePattern.Iso.Format(TransferLabels.Date(plan.Versions.Max(v => v.SealedAt))));
        }

        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteElementString(name, Namespace, value);
        }
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string DateTime(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
