using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Archive.Ingest.Reading;
using Archive.Ingest.Transfer;
using NodaTime;

namespace Archive.Ingest.Tests.Transfer;

/// <summary>
/// The corners the end-to-end transfer test does not reach: a version sealed before 档号 existed, permanent retention,
/// no region, no 开放状态/密级 set, an item without SM3, markup characters in names — each document still validates
/// against the published schema (the embedded copy of <c>schemas/transfer/transfer.xsd</c>), and a broken document does not.
/// </summary>
public sealed class TransferXmlTests
{
    private static readonly XNamespace T = TransferXml.Namespace;

    [Fact]
    public void Documents_ValidateAgainstThePublishedSchema_ForOptionalFieldsLeftOut()
    {
        var project = new CatalogEntry("Z5301<&>001", "某项目 <招标> & \"公告\"", "engineering", null, "昆明市公共资源交易中心", 1,
            Instant.FromUtc(2026, 1, 2, 3, 4), Instant.FromUtc(2026, 2, 3, 4, 5), Instant.FromUtc(2026, 2, 3, 4, 5));
        var items = new[]
        {
            new SealedItem("招标公告/公告.pdf", "tender-notice", "application/pdf", 1234, new string('a', 64), "k1") { Sm3 = new string('b', 64) },
            new SealedItem("评标/录像.mp4", "evaluation-recording", "video/mp4", 0, new string('c', 64), "k2"),
        };
        var version = new TransferVersion(project, 1, Instant.FromUtc(2026, 2, 3, 4, 5), new string('d', 64), 7, null, null, null, null,
            [new ProjectParty("招标人", "某单位", null, false)], items, "Z5301___001_v1");
        var plan = new TransferPlan(Guid.NewGuid(), new TransferRecipient("云南省档案馆", null), new TransferActor(Guid.NewGuid(), "档案员", null),
            null, Instant.FromUtc(2026, 3, 1, 0, 0), [version], []);
        var schemas = Schemas();

        var description = Validate(TransferXml.Description(plan, version), schemas);
        Assert.Null(description.Root!.Element(T + "archivalCode"));
        Assert.Equal("true", description.Root.Element(T + "retention")!.Attribute("permanent")!.Value);
        Assert.Equal("永久", description.Root.Element(T + "retention")!.Attribute("label")!.Value);
        Assert.Equal(project.Name, description.Root.Element(T + "title")!.Value);
        Validate(TransferXml.List(plan), schemas);
        Validate(TransferXml.Handover(plan), schemas);

        // The schema does reject: a digest that is not 64 hex digits.
        var broken = XDocument.Parse(System.Text.Encoding.UTF8.GetString(TransferXml.Description(plan, version)));
        broken.Root!.Element(T + "manifestSha256")!.Value = "not-a-digest";
        var errors = new List<string>();
        broken.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.NotEmpty(errors);
    }

    private static XmlSchemaSet Schemas()
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(new MemoryStream(TransferXml.SchemaBytes()));
        set.Add(TransferXml.Namespace, reader);
        return set;
    }

    private static XDocument Validate(byte[] xml, XmlSchemaSet schemas)
    {
        var document = XDocument.Load(new MemoryStream(xml));
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        return document;
    }
}
