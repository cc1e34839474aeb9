using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.Sealing;
using Archive.Integrity.Custody;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Retention;

/// <summary>
/// CONTRACT §9 / issue 11 §5: a transfer to a state archive (移交) is a zip of valid, self-proving bags with XML that
/// validates against the published schema and PDFs naming every project and 档号; <c>transfer.exported</c> records the
/// zip's SHA-256. Wrong role and damaged versions are refused and change nothing; nothing is deleted by a transfer.
/// </summary>
public sealed class TransferTests
{
    private const string Recipient = "云南省档案馆";
    private static readonly XNamespace T = "urn:ggzy-yn:archive:transfer:1";

    [Fact]
    public async Task Transfer_StreamsValidBagsAndSchemaValidDocumentsAndLedgersTheZipDigest_AndRefusalsChangeNothing()
    {
        await using var h = await RetentionHost.StartAsync();
        var p1 = await h.ArchiveEndingInAsync(400);
        var p2 = await h.ArchiveEndingInAsync(400);
        var codes = new[] { p1.Code, p2.Code };

        // Wrong role (an approver), an unknown project, no recipient: refused, ledger unchanged.
        var size = await h.LedgerSizeAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(h.Approver1, codes)).StatusCode);
        await (await PostAsync(h.Archivist, [p1.Code, "Z5301009999999999"])).AssertProblemAsync(HttpStatusCode.NotFound, "project.not-found");
        await (await h.Archivist.PostAsJsonAsync("/api/v1/transfers", new { projects = codes })).AssertProblemAsync(HttpStatusCode.BadRequest, "transfer.recipient");
        Assert.Equal(size, await h.LedgerSizeAsync());

        var response = await PostAsync(h.Archivist, codes);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var id = Guid.Parse(response.Headers.GetValues("X-Transfer-Id").Single());
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("transfer-").FullName, "transfer.zip");
        await using (var file = File.Create(zipPath))
        {
            await response.Content.CopyToAsync(file);
        }

        var zipSha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(zipPath)));

        // transfer.exported: the zip's digest, the recipient, who exported, which versions.
        Assert.Equal(size + 1, await h.LedgerSizeAsync());
        var record = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/transfers/{id}");
        Assert.Equal(zipSha, record.GetProperty("packageSha256").GetString());
        var entry = await DisposalAssertions.EntryAsync(h.Archivist, record.GetProperty("ledgerIndex").GetInt64());
        Assert.Equal("transfer.exported", entry.GetProperty("type").GetString());
        Assert.Equal(zipSha, entry.GetProperty("packageSha256").GetString());
        Assert.Equal(new FileInfo(zipPath).Length, entry.GetProperty("packageBytes").GetInt64());
        Assert.Equal(Recipient, entry.GetProperty("recipient").GetString());
        Assert.Equal("档案员甲", entry.GetProperty("principalName").GetString());
        Assert.Equal(codes.Order(StringComparer.Ordinal), entry.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("project").GetString()!));
        Assert.Equal(id, Assert.Single((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/transfers")).EnumerateArray()).GetProperty("id").GetGuid());

        var root = Path.Combine(await BagChecks.UnzipAsync(zipPath), $"transfer-{id:N}");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "schemas", "transfer.xsd"));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "transfer.xsd")),
            await File.ReadAllBytesAsync(Path.Combine(root, "schemas", "transfer.xsd")));
        var list = Validated(Path.Combine(root, "transfer-list.xml"), schemas);
        var handover = Validated(Path.Combine(root, "handover-form.xml"), schemas);
        Assert.Equal(Recipient, handover.Root!.Element(T + "recipient")!.Attribute("name")!.Value);

        var archivalCodes = new List<string>();
        foreach (var code in codes)
        {
            var summary = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}");
            var archivalCode = summary.GetProperty("versions")[0].GetProperty("archivalCode").GetString()!;
            archivalCodes.Add(archivalCode);

            // Each bag is a valid, self-proving offline bag (BagValidator, sha256sum -c, the Go ledger verifier).
            await BagChecks.AssertValidAsync(Path.Combine(root, "bags", $"{code}_v1"), h.Archivist, code, 1);
            Assert.Contains($"Archival-Code: {archivalCode}", await File.ReadAllTextAsync(Path.Combine(root, "bags", $"{code}_v1", "bag-info.txt")), StringComparison.Ordinal);

            var description = Validated(Path.Combine(root, "descriptions", $"{code}_v1.xml"), schemas).Root!;
            Assert.Equal(archivalCode, description.Element(T + "archivalCode")!.Value);
            Assert.Equal(code, description.Element(T + "projectCode")!.Value);
            var items = description.Element(T + "items")!.Elements(T + "item").ToList();
            var project = code == p1.Code ? p1 : p2;
            Assert.Equal(project.Items.Count, items.Count);
            Assert.All(items, i => Assert.Matches("^[0-9a-f]{64}$", i.Attribute("sm3")!.Value));
            Assert.Equal(project.Sha256(0), items.Single(i => i.Attribute("path")!.Value == project.Items[0].Path).Attribute("sha256")!.Value);
            Assert.Contains(list.Root!.Elements(T + "entry"), e => e.Attribute("archivalCode")?.Value == archivalCode && e.Attribute("project")!.Value == code);
        }

        Assert.Contains("电子档案移交清单", PdfText(Path.Combine(root, "transfer-list.pdf")), StringComparison.Ordinal);
        var listText = PdfText(Path.Combine(root, "transfer-list.pdf"));
        Assert.All(codes.Concat(archivalCodes), s => Assert.Contains(s, listText, StringComparison.Ordinal));
        var handoverText = PdfText(Path.Combine(root, "handover-form.pdf"));
        Assert.Contains("交接文据", handoverText, StringComparison.Ordinal);
        Assert.Contains(Recipient, handoverText, StringComparison.Ordinal);

        // A copy: the content is still served.
        Assert.Equal(HttpStatusCode.OK, (await h.Archivist.GetAsync(p1.ItemUrl(p1.Items[0].Path))).StatusCode);

        // A version with a failed copy (verification found an error, not yet repaired) is refused; nothing changes.
        await h.Services.GetRequiredService<CustodyRegistry>().SetStateAsync(
            CopyKind.Offline, ArchiveKeys.BagPayload(p2.Code, 1, p2.Items[0].Path), CustodyRegistry.Failed, null, CancellationToken.None);
        size = await h.LedgerSizeAsync();
        await (await PostAsync(h.Archivist, codes)).AssertProblemAsync(HttpStatusCode.Conflict, "transfer.copy-damaged");
        Assert.Equal(size, await h.LedgerSizeAsync());
        Assert.Single((await h.Archivist.GetFromJsonAsync<JsonElement>("/api/v1/transfers")).EnumerateArray());
    }

    /// <summary>Posts a transfer of <paramref name="codes"/> to <see cref="Recipient"/>.</summary>
    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, IReadOnlyList<string> codes) =>
        client.PostAsJsonAsync("/api/v1/transfers", new { projects = codes, recipient = Recipient, recipientCode = "A53", note = "2026 年度移交" });

    private static XDocument Validated(string path, XmlSchemaSet schemas)
    {
        var document = XDocument.Load(path);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
        return document;
    }

    private static string PdfText(string path)
    {
        using var document = PdfDocument.Open(path);
        return string.Concat(document.GetPages().Select(page => page.Text));
    }
}
