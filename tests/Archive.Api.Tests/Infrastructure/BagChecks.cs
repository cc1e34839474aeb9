using System.Security.Cryptography;
using System.Text.Json;
using Archive.Integrity.Bags;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// Checks a bag folder as an outsider would (CONTRACT §6): our BagValidator and coreutils' <c>sha256sum --strict -c</c>
/// over both SHA-256 manifests, the manifest digest against the ledger entry (in the bag and from the API), and the
/// Go verifier (inclusion proof against the checkpoint, checkpoint signature against the key) with the key the API serves.
/// </summary>
public static class BagChecks
{
    /// <summary>Asserts that <paramref name="root"/> is a valid, self-proving bag of version <paramref name="version"/> of
    /// <paramref name="code"/>; returns the manifest's SHA-256 and the ledger index of its <c>package.sealed</c> entry.</summary>
    public static async Task<(string ManifestSha256, long LedgerIndex)> AssertValidAsync(string root, HttpClient api, string code, int version)
    {
        var problems = await BagValidator.ValidateAsync(new DirectoryBagReader(root), CancellationToken.None);
        Assert.True(problems.Count == 0, $"BagValidator on {root}: {string.Join("; ", problems)}");
        foreach (var manifest in new[] { "manifest-sha256.txt", "tagmanifest-sha256.txt" })
        {
            var (exit, output) = await ExternalTool.RunAsync(root, "sha256sum", "--strict", "-c", manifest);
            Assert.True(exit == 0, $"sha256sum -c {manifest} in {root}: {output}");
        }

        var manifestBytes = await File.ReadAllBytesAsync(Path.Combine(root, "archive", "manifest.json"));
        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        var manifestJson = JsonDocument.Parse(manifestBytes).RootElement;
        Assert.Equal("archive-manifest/1", manifestJson.GetProperty("format").GetString());
        Assert.Equal(code, manifestJson.GetProperty("project").GetProperty("code").GetString());
        Assert.Equal(version, manifestJson.GetProperty("version").GetInt32());

        var entryBytes = await File.ReadAllBytesAsync(Path.Combine(root, "archive", "ledger-entry.json"));
        var entry = JsonDocument.Parse(entryBytes).RootElement;
        Assert.Equal("package.sealed", entry.GetProperty("type").GetString());
        Assert.Equal(manifestSha, entry.GetProperty("manifestSha256").GetString());
        Assert.Equal(code, entry.GetProperty("project").GetString());
        Assert.Equal(version, entry.GetProperty("version").GetInt32());

        var proof = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(root, "archive", "inclusion-proof.json"))).RootElement;
        var index = proof.GetProperty("leafIndex").GetInt64();
        Assert.Equal(entryBytes, await api.GetByteArrayAsync($"/api/v1/ledger/entries/{index}"));

        var (verified, verifierOutput) = await GoVerifier.RunAsync(Path.Combine(root, "archive"));
        Assert.True(verified == 0, $"Go ledger-verify on {root}/archive: {verifierOutput}");
        Assert.Equal((await api.GetStringAsync("/api/v1/ledger/key")).Trim(), (await File.ReadAllTextAsync(Path.Combine(root, "archive", "verifier-key.txt"))).Trim());
        return (manifestSha, index);
    }

    /// <summary>Unzips <paramref name="zip"/> with Info-ZIP's <c>unzip</c> into a new folder and returns that folder.</summary>
    public static async Task<string> UnzipAsync(string zip)
    {
        var target = Directory.CreateTempSubdirectory("bag-unzip-").FullName;
        var (exit, output) = await ExternalTool.RunAsync(target, "unzip", "-q", zip, "-d", target);
        Assert.True(exit == 0, $"unzip {zip}: {output}");
        return target;
    }
}
