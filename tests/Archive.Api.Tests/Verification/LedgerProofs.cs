using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Verification;

/// <summary>Checks a ledger entry's inclusion proof with the Go verifier (sumdb/tlog, sumdb/note), as an outsider would.</summary>
internal static class LedgerProofs
{
    public static async Task AssertVerifiesWithGoAsync(HttpClient client, long index)
    {
        var note = await client.WaitForCheckpointCoveringAsync(index);
        var size = long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("custody-evidence-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "verifier-key.txt"), await client.GetStringAsync("/api/v1/ledger/key"));
            await File.WriteAllTextAsync(Path.Combine(dir, "checkpoint.txt"), await client.GetStringAsync($"/api/v1/ledger/checkpoint?treeSize={size}"));
            await File.WriteAllBytesAsync(Path.Combine(dir, "ledger-entry.json"), await client.GetByteArrayAsync($"/api/v1/ledger/entries/{index}"));
            await File.WriteAllTextAsync(Path.Combine(dir, "inclusion-proof.json"), await client.GetStringAsync($"/api/v1/ledger/proof/inclusion?index={index}&treeSize={size}"));
            var (code, output) = await GoVerifier.RunAsync(dir);
            Assert.True(code == 0, output);
            Assert.Contains($"OK entry {index} is in the tree of size {size}", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
