using System.Text;
using Archive.Integrity.Manifests;

namespace Archive.Integrity.Tests.Manifests;

/// <summary>The optional <c>gaps</c> member (缺件归档, issue 11 §1): additive, so manifests without it read as before.</summary>
public class ManifestGapTests
{
    private static readonly ManifestGap Publicity = new("result-publicity", "结果公示", "出让人未发布结果公示，已书面说明", "0194f000-0000-7000-8000-000000000001");
    private static readonly ManifestGap Contract = new("contract", "合同", "合同尚未签订", "0194f000-0000-7000-8000-000000000001");

    [Fact]
    public void Manifest_WithoutGaps_HasNoGapsMember_AndKeepsItsBytes()
    {
        var bytes = SampleManifests.Engineering().ToCanonicalBytes();

        Assert.DoesNotContain("\"gaps\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Empty(Manifest.Parse(bytes).Gaps);
        Assert.Equal(bytes, Manifest.Parse(bytes).ToCanonicalBytes());
    }

    [Fact]
    public void Manifest_WithGaps_RoundTrips_OrderedByRole()
    {
        var manifest = SampleManifests.Engineering() with { Gaps = [Publicity, Contract] };
        var bytes = manifest.ToCanonicalBytes();

        var parsed = Manifest.Parse(bytes);
        Assert.Equal(["contract", "result-publicity"], parsed.Gaps.Select(g => g.Role));
        Assert.Equal(Publicity, parsed.Gaps[1]);
        Assert.Equal(manifest, parsed);
        Assert.Equal(bytes, parsed.ToCanonicalBytes());
        Assert.NotEqual(SampleManifests.Engineering(), parsed);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[{\"reason\":\"x\",\"role\":\"contract\",\"title\":\"合同\"}]")]
    [InlineData("[{\"reason\":\"x\",\"recordedBy\":\"a\",\"role\":\"Contract!\",\"title\":\"合同\"}]")]
    [InlineData("[{\"reason\":\"x\",\"recordedBy\":\"a\",\"role\":\"result-publicity\",\"title\":\"公示\"},{\"reason\":\"x\",\"recordedBy\":\"a\",\"role\":\"contract\",\"title\":\"合同\"}]")]
    public void Parse_Rejects_MalformedGaps(string gaps)
    {
        var text = Encoding.UTF8.GetString(SampleManifests.Engineering().ToCanonicalBytes());
        // "format" sorts first in canonical order and "gaps" right after it.
        var broken = text.Replace("\"format\":\"archive-manifest/1\",", $"\"format\":\"archive-manifest/1\",\"gaps\":{gaps},", StringComparison.Ordinal);

        Assert.Throws<ManifestFormatException>(() => Manifest.Parse(Encoding.UTF8.GetBytes(broken)));
    }
}
