using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Archive.Integrity.Bags;

namespace Archive.Integrity.Tests.Bags;

public sealed class BagTests : IDisposable
{
    private readonly string _bag = Directory.CreateTempSubdirectory("bag-test-").FullName;

    public void Dispose() => Directory.Delete(_bag, recursive: true);

    [Fact]
    public async Task WrittenBag_IsValid_ForOurValidatorAndForCoreutils()
    {
        await WriteBagAsync(new()
        {
            ["招标文件/第一册.pdf"] = "%PDF-1.7 招标文件"u8.ToArray(),
            ["records/501.json"] = "{\"code\":\"E5301000001000123\"}"u8.ToArray(),
            ["with space.txt"] = "x"u8.ToArray(),
        });

        Assert.Empty(await BagValidator.ValidateAsync(new DirectoryBagReader(_bag), default));
        // An implementation that shares no code with ours: GNU coreutils.
        Assert.Equal(0, await RunAsync("sha256sum", "--strict", "-c", "manifest-sha256.txt"));
        Assert.Equal(0, await RunAsync("sha512sum", "--strict", "-c", "manifest-sha512.txt"));
        Assert.Equal(0, await RunAsync("sha256sum", "--strict", "-c", "tagmanifest-sha256.txt"));
    }

    [Fact]
    public async Task DirectoryBagReader_AcceptsARootWithATrailingSlash()
    {
        await WriteBagAsync(new() { ["a.txt"] = "alpha"u8.ToArray() });

        Assert.Empty(await BagValidator.ValidateAsync(new DirectoryBagReader(_bag + "/"), default));
    }

    [Fact]
    public async Task BagInfo_CarriesPayloadOxum()
    {
        await WriteBagAsync(new() { ["a.bin"] = new byte[10], ["b/c.bin"] = new byte[5] });

        var info = await File.ReadAllTextAsync(Path.Combine(_bag, "bag-info.txt"));

        Assert.Contains("Payload-Oxum: 15.2\n", info, StringComparison.Ordinal);
        Assert.Contains("External-Identifier: E5301000001000123\n", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validator_ReportsEveryProblem_WhenTheBagIsDamaged()
    {
        await WriteBagAsync(new() { ["a.txt"] = "alpha"u8.ToArray(), ["b.txt"] = "beta"u8.ToArray(), ["c.txt"] = "gamma"u8.ToArray() });
        await File.WriteAllTextAsync(Path.Combine(_bag, "data", "a.txt"), "ALPHA");
        File.Delete(Path.Combine(_bag, "data", "b.txt"));
        await File.WriteAllTextAsync(Path.Combine(_bag, "data", "stray.txt"), "not listed");

        var problems = await BagValidator.ValidateAsync(new DirectoryBagReader(_bag), default);

        Assert.Contains(problems, p => p.Code == "bag.digest-mismatch" && p.Path == "data/a.txt");
        Assert.Contains(problems, p => p.Code == "bag.missing-file" && p.Path == "data/b.txt");
        Assert.Contains(problems, p => p.Code == "bag.unlisted-payload" && p.Path == "data/stray.txt");
        Assert.Contains(problems, p => p.Code == "bag.oxum");
    }

    [Fact]
    public async Task Validator_RefusesManifestPathsThatEscapeTheBag()
    {
        await WriteBagAsync(new() { ["a.txt"] = "alpha"u8.ToArray() });
        await File.AppendAllTextAsync(Path.Combine(_bag, "manifest-sha256.txt"), new string('0', 64) + "  ../../etc/passwd\n");

        var problems = await BagValidator.ValidateAsync(new DirectoryBagReader(_bag), default);

        Assert.Contains(problems, p => p.Code == "bag.unsafe-path");
    }

    [Fact]
    public async Task Validator_DetectsAlteredTagFiles()
    {
        await WriteBagAsync(new() { ["a.txt"] = "alpha"u8.ToArray() });
        await File.AppendAllTextAsync(Path.Combine(_bag, "bag-info.txt"), "Source-Organization: 伪造\n");

        var problems = await BagValidator.ValidateAsync(new DirectoryBagReader(_bag), default);

        Assert.Contains(problems, p => p.Code == "bag.digest-mismatch" && p.Path == "bag-info.txt");
    }

    [Theory]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("100%", "100%25")]
    [InlineData("r\r", "r%0D")]
    [InlineData("普通 路径", "普通 路径")]
    public void ManifestPaths_ArePercentEncodedOnlyForCrLfAndPercent(string path, string encoded)
    {
        Assert.Equal(encoded, BagTagFiles.EncodePath(path));
        Assert.Equal(path, BagTagFiles.DecodePath(encoded));
    }

    private async Task WriteBagAsync(Dictionary<string, byte[]> payload)
    {
        var files = new List<BagPayloadFile>();
        foreach (var (path, bytes) in payload)
        {
            var full = Path.Combine(_bag, "data", path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, bytes);
            files.Add(new(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(SHA512.HashData(bytes))));
        }

        var tags = new Dictionary<string, byte[]>
        {
            ["bagit.txt"] = BagTagFiles.DeclarationBytes(),
            ["bag-info.txt"] = BagTagFiles.BagInfoBytes([new("External-Identifier", "E5301000001000123"), new("Bagging-Date", "2026-11-29")], files),
            ["manifest-sha256.txt"] = BagTagFiles.PayloadManifestBytes(files, "sha256"),
            ["manifest-sha512.txt"] = BagTagFiles.PayloadManifestBytes(files, "sha512"),
            ["archive/manifest.json"] = Encoding.UTF8.GetBytes("{}"),
        };
        foreach (var (path, bytes) in tags)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_bag, path))!);
            await File.WriteAllBytesAsync(Path.Combine(_bag, path), bytes);
        }

        await File.WriteAllBytesAsync(Path.Combine(_bag, "tagmanifest-sha256.txt"), BagTagFiles.TagManifestBytes(tags));
    }

    private async Task<int> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = _bag, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
