using System.Text.Json.Nodes;
using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Integrity.Tests.Manifests;

internal static class SampleManifests
{
    public const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public const string Sm3 = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    public static ManifestItem Item(string path, string role = "tender-notice", long size = 1024, string mediaType = "application/pdf") =>
        new(path, role, mediaType, size, Sha, Sm3, Instant.FromUtc(2025, 3, 1, 8, 30, 15) + Duration.FromMilliseconds(123), "platform:km-ggzy");

    /// <summary>A version-2 engineering project with Chinese names, parties and a permanent retention.</summary>
    public static Manifest Engineering(IEnumerable<ManifestItem>? items = null) => new(
        new ManifestProject(
            "E5301000001000123",
            "昆明市第一中学教学楼新建工程施工招标",
            "engineering",
            new JsonObject
            {
                ["region"] = "530100",
                ["parties"] = new JsonArray(
                    new JsonObject { ["role"] = "招标人", ["name"] = "昆明市第一中学", ["creditCode"] = "12530100431200001X" },
                    new JsonObject { ["role"] = "中标人", ["name"] = "云南某某建设集团有限公司", ["creditCode"] = "91530100MA6K000001" }),
                ["completedOn"] = "2025-02-28",
            }),
        2,
        "3b2f6d52c1a0e4f8b9d7c6a5e4f3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5",
        Instant.FromUtc(2025, 3, 2, 1, 0, 0),
        new ManifestRetention("engineering-permanent", null),
        items ??
        [
            Item("招标公告/公告.pdf"),
            Item("contract/合同.pdf", "contract", 204800),
            Item("av/开标.mp4", "opening-recording", 4_294_967_296, "video/mp4"),
            Item("award-notice.pdf", "award-notice"),
        ]);
}
