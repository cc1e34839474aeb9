using System.Diagnostics;
using Archive.Integrity.Bags;

namespace Archive.Ingest.Tests.Sealing;

/// <summary>Checks a sealed bag the way an outsider would: BagValidator, coreutils and Go's sumdb verifier on a plain folder.</summary>
internal static class BagChecks
{
    /// <summary>The bag as a local folder: the filesystem store's own folder, or a download of every key under the prefix.</summary>
    public static async Task<string> FolderAsync(SealingHarness harness, string prefix)
    {
        if (harness.OfflineRoot is { } root)
        {
            return Path.Combine(root, prefix.TrimEnd('/'));
        }

        var folder = Path.Combine(Path.GetTempPath(), "archive-sealing-bags", Guid.NewGuid().ToString("N"));
        foreach (var key in await harness.KeysAsync(harness.Stores.Offline, prefix))
        {
            var path = Path.Combine(folder, key[prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, await harness.ReadAsync(harness.Stores.Offline, key));
        }

        return folder;
    }

    /// <summary>Asserts the folder is a valid bag by every independent check.</summary>
    public static async Task AssertValidAsync(string folder)
    {
        var problems = await BagValidator.ValidateAsync(new DirectoryBagReader(folder), CancellationToken.None);
        Assert.Empty(problems);
        foreach (var (tool, manifest) in new[] { ("sha256sum", "manifest-sha256.txt"), ("sha512sum", "manifest-sha512.txt"), ("sha256sum", "tagmanifest-sha256.txt") })
        {
            var (code, output) = await RunAsync(tool, folder, "--strict", "-c", manifest);
            Assert.True(code == 0, $"{tool} -c {manifest}: {output}");
        }

        var verifier = Environment.GetEnvironmentVariable("ARCHIVE_TEST_GO_VERIFIER") is { Length: > 0 } p
            ? p
            : throw new InvalidOperationException("ARCHIVE_TEST_GO_VERIFIER is not set: run the tests through ./archive test.");
        var (goCode, goOutput) = await RunAsync(verifier, folder, Path.Combine(folder, "archive"));
        Assert.True(goCode == 0, "ledger-verify: " + goOutput);
    }

    public static async Task<SortedDictionary<string, byte[]>> SnapshotAsync(SealingHarness harness, string prefix)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in await harness.KeysAsync(harness.Stores.Offline, prefix))
        {
            files[key] = await harness.ReadAsync(harness.Stores.Offline, key);
        }

        return files;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
