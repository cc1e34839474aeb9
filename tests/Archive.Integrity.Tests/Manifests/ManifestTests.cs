using System.Text;
using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using Archive.Integrity.Manifests;
using Archive.Integrity.Tests.Canonical;
using NodaTime;

namespace Archive.Integrity.Tests.Manifests;

public class ManifestTests
{
    private const string ApprovedPath = "Manifests/Approved/engineering-v2.approved.json";

    [Fact]
    public void ToCanonicalBytes_EqualsApprovedFile()
    {
        // The approved file was generated once, read and checked by hand against CONTRACT §4, and committed.
        var expected = SourceTreeFiles.Read(ApprovedPath);

        var actual = SampleManifests.Engineering().ToCanonicalBytes();

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(Manifest.DigestHex(expected), Manifest.DigestHex(actual));
    }

    [Fact]
    public void Parse_ReadsApprovedFile_AndRoundTripsItsBytes()
    {
        var bytes = SourceTreeFiles.Read(ApprovedPath);

        var manifest = Manifest.Parse(bytes);

        Assert.Equal(SampleManifests.Engineering(), manifest);
        Assert.Equal(bytes, manifest.ToCanonicalBytes());
        Assert.Equal("昆明市第一中学教学楼新建工程施工招标", manifest.Project.Name);
        Assert.Equal("530100", (string?)manifest.Project.Extra["region"]);
        Assert.True(manifest.Retention.IsPermanent);
        Assert.Equal(4_294_967_296, manifest.Items.Single(i => i.Role == "opening-recording").Size);
        Assert.Equal(Instant.FromUtc(2025, 3, 1, 8, 30, 15) + Duration.FromMilliseconds(123), manifest.Items[0].ReceivedAt);
    }

    [Fact]
    public void ToCanonicalBytes_IsIndependentOfItemInsertionOrder()
    {
        var items = SampleManifests.Engineering().Items;
        var reference = SampleManifests.Engineering().ToCanonicalBytes();
        var random = new Random(20250301);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = items.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(reference, SampleManifests.Engineering(shuffled).ToCanonicalBytes());
        }
    }

    [Fact]
    public void Items_AreOrderedByOrdinalPath()
    {
        var paths = SampleManifests.Engineering().Items.Select(i => i.Path).ToList();
        Assert.Equal(["av/开标.mp4", "award-notice.pdf", "contract/合同.pdf", "招标公告/公告.pdf"], paths);
    }

    [Fact]
    public void ToCanonicalBytes_WritesFixedTextForms()
    {
        var manifest = new Manifest(
            new ManifestProject("P-1", "测试", "procurement"),
            1,
            null,
            Instant.FromUtc(2025, 1, 2, 3, 4, 5) + Duration.FromTicks(12_345_678),
            new ManifestRetention("procurement-15y", new LocalDate(2040, 12, 31)),
            []);

        var json = Encoding.UTF8.GetString(manifest.ToCanonicalBytes());

        Assert.Equal(
            "{\"format\":\"archive-manifest/1\",\"items\":[],\"previous\":null,\"project\":{\"category\":\"procurement\",\"code\":\"P-1\",\"name\":\"测试\"}," +
            "\"retention\":{\"policy\":\"procurement-15y\",\"until\":\"2040-12-31\"},\"sealedAt\":\"2025-01-02T03:04:06.234Z\",\"version\":1}",
            json);
    }

    [Fact]
    public void DigestHex_IsLowerCaseSha256()
    {
        // FIPS 180-2 "abc" test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Manifest.DigestHex("abc"u8));
    }

    public static TheoryData<string, string> Rejections => new()
    {
        { "format", "\"format\":\"archive-manifest/2\"" },
        { "version 0", "\"version\":0" },
        { "version fraction", "\"version\":2.5" },
        { "previous missing for v2", "\"previous\":null" },
        { "previous uppercase", "\"previous\":\"3B2F6D52C1A0E4F8B9D7C6A5E4F3B2A1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5\"" },
        { "previous short", "\"previous\":\"3b2f\"" },
        { "sealedAt without millis", "\"sealedAt\":\"2025-03-02T01:00:00Z\"" },
        { "sealedAt with offset", "\"sealedAt\":\"2025-03-02T09:00:00.000+08:00\"" },
        { "until", "\"until\":\"forever\"" },
        { "sha256 length", $"\"sha256\":\"{SampleManifests.Sha[..62]}\"" },
        { "sm3 uppercase", $"\"sm3\":\"{SampleManifests.Sm3.ToUpperInvariant()}\"" },
        { "negative size", "\"size\":-1" },
        { "path traversal", "\"path\":\"../etc/passwd\"" },
        { "absolute path", "\"path\":\"/etc/passwd\"" },
        { "unknown member", "\"format\":\"archive-manifest/1\",\"extra\":1" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Parse_Rejects_InvalidManifest(string why, string replacement)
    {
        var bytes = Mutate(why, replacement);
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(bytes));
    }

    [Fact]
    public void Parse_Rejects_DuplicatePathsAndUnsortedItems()
    {
        var json = JsonNode.Parse(SampleManifests.Engineering().ToCanonicalBytes())!.AsObject();
        var items = json["items"]!.AsArray();
        var duplicate = json.DeepClone().AsObject();
        duplicate["items"]!.AsArray().Add(items[0]!.DeepClone());
        var unsorted = json.DeepClone().AsObject();
        var first = unsorted["items"]!.AsArray()[0]!;
        unsorted["items"]!.AsArray().RemoveAt(0);
        unsorted["items"]!.AsArray().Add(first);

        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(CanonicalJson.Serialize(duplicate)));
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(CanonicalJson.Serialize(unsorted)));
    }

    [Fact]
    public void Parse_Rejects_NonCanonicalOrMalformedBytes()
    {
        var canonical = Encoding.UTF8.GetString(SampleManifests.Engineering().ToCanonicalBytes());
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(canonical + "\n")));
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(canonical.Replace(",", ", ", StringComparison.Ordinal))));
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse("{\"format\":\"archive-manifest/1\",\"format\":\"x\"}"u8));
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse("[]"u8));
        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(""u8));
    }

    [Fact]
    public void Constructor_Rejects_InconsistentVersionAndDuplicatePaths()
    {
        var project = new ManifestProject("P", "项目", "other");
        var retention = new ManifestRetention("default-15y", new LocalDate(2040, 1, 1));
        var at = Instant.FromUtc(2025, 1, 1, 0, 0);

        Assert.Throws<ArgumentException>(() => new Manifest(project, 1, SampleManifests.Sha, at, retention, []));
        Assert.Throws<ArgumentException>(() => new Manifest(project, 2, null, at, retention, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Manifest(project, 0, null, at, retention, []));
        Assert.Throws<ArgumentException>(() => new Manifest(project, 1, null, at, retention, [SampleManifests.Item("a.pdf"), SampleManifests.Item("a.pdf")]));
        Assert.Throws<ArgumentException>(() => new ManifestProject("P", "项目", "other", new JsonObject { ["code"] = "X" }));
        Assert.Throws<ArgumentException>(() => new ManifestProject("P", "项目", "Other"));
        Assert.Throws<ArgumentException>(() => SampleManifests.Item("a/./b.pdf"));
        Assert.Throws<ArgumentException>(() => SampleManifests.Item("a\\b.pdf"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleManifests.Item("a.pdf", size: 1L << 53));
    }

    [Fact]
    public void ToCanonicalBytes_Rejects_ManifestMadeInconsistentWithWith()
    {
        var manifest = SampleManifests.Engineering() with { Previous = null };
        Assert.Throws<ArgumentException>(() => manifest.ToCanonicalBytes());
    }

    private static byte[] Mutate(string why, string replacement)
    {
        var json = Encoding.UTF8.GetString(SampleManifests.Engineering().ToCanonicalBytes());
        var name = replacement[1..replacement.IndexOf('"', 1)];
        var start = json.IndexOf($"\"{name}\":", StringComparison.Ordinal);
        Assert.True(start >= 0, why);
        var valueStart = start + name.Length + 3;
        var end = json[valueStart] == '"' ? json.IndexOf('"', valueStart + 1) + 1 : json.IndexOfAny([',', '}'], valueStart);
        var mutated = json[..start] + replacement + json[end..];
        Assert.NotEqual(json, mutated);
        return Encoding.UTF8.GetBytes(mutated);
    }
}
