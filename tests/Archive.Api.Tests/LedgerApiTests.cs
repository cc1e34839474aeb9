using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests;

public sealed class LedgerApiTests : ApiTest
{

    [Fact]
    public async Task LedgerEvidence_VerifiesWithGoSumdbTools_AndTamperingIsDetected()
    {
        // Checkpoints, key and proofs are open to every principal, and an entry about itself to a trading system: use its token.
        var (firstId, ingestToken) = await Admin.CreatePrincipalAsync("交易系统甲", "ingest", "平台甲");
        var reader = Factory.ClientWith(ingestToken);
        var index = await LedgerReading.IndexOfAsync(Admin, e => e.GetProperty("principal").GetString() == firstId.ToString());
        var oldNote = await reader.WaitForCheckpointCoveringAsync(index);
        var oldSize = long.Parse(oldNote.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

        var (secondId, _) = await Admin.CreatePrincipalAsync("交易系统乙", "ingest", "平台乙");
        var secondIndex = await LedgerReading.IndexOfAsync(Admin, e => e.GetProperty("principal").GetString() == secondId.ToString());
        var note = await reader.WaitForCheckpointCoveringAsync(secondIndex);
        var size = long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

        var dir = Directory.CreateTempSubdirectory("ledger-evidence-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "verifier-key.txt"), await reader.GetStringAsync("/api/v1/ledger/key"));
            await File.WriteAllTextAsync(Path.Combine(dir, "checkpoint.txt"), await reader.GetStringAsync($"/api/v1/ledger/checkpoint?treeSize={size}"));
            await File.WriteAllTextAsync(Path.Combine(dir, "old-checkpoint.txt"), await reader.GetStringAsync($"/api/v1/ledger/checkpoint?treeSize={oldSize}"));
            var entry = await reader.GetByteArrayAsync($"/api/v1/ledger/entries/{index}");
            await File.WriteAllBytesAsync(Path.Combine(dir, "ledger-entry.json"), entry);
            await File.WriteAllTextAsync(Path.Combine(dir, "inclusion-proof.json"), await reader.GetStringAsync($"/api/v1/ledger/proof/inclusion?index={index}&treeSize={size}"));
            await File.WriteAllTextAsync(Path.Combine(dir, "consistency-proof.json"), await reader.GetStringAsync($"/api/v1/ledger/proof/consistency?from={oldSize}&to={size}"));

            var (code, output) = await GoVerifier.RunAsync(dir);
            Assert.True(code == 0, output);
            Assert.Contains($"OK entry {index} is in the tree of size {size}", output, StringComparison.Ordinal);
            Assert.Contains($"consistent with tree of size {oldSize}", output, StringComparison.Ordinal);

            var tampered = (byte[])entry.Clone();
            tampered[^2] ^= 0x01;
            await File.WriteAllBytesAsync(Path.Combine(dir, "ledger-entry.json"), tampered);
            var (tamperedCode, tamperedOutput) = await GoVerifier.RunAsync(dir);
            Assert.NotEqual(0, tamperedCode);
            Assert.Contains("FAIL", tamperedOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task InclusionProofJson_HasContractShape()
    {
        var (id, _) = await Admin.CreatePrincipalAsync("档案员", "archivist", "中心");
        var index = await LedgerReading.IndexOfAsync(Admin, e => e.GetProperty("principal").GetString() == id.ToString());
        var note = await Admin.WaitForCheckpointCoveringAsync(index);
        var size = long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

        var proof = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/proof/inclusion?index={index}&treeSize={size}");

        Assert.Equal(index, proof.GetProperty("leafIndex").GetInt64());
        Assert.Equal(size, proof.GetProperty("treeSize").GetInt64());
        Assert.All(proof.GetProperty("hashes").EnumerateArray(), h => Assert.Equal(32, Convert.FromBase64String(h.GetString()!).Length));
    }

    [Fact]
    public async Task Key_IsANoteVerifierKey()
    {
        var key = (await Admin.GetStringAsync("/api/v1/ledger/key")).Trim();

        Assert.Matches(@"^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$", key);
    }

    [Theory]
    [InlineData("/api/v1/ledger/entries/999999", HttpStatusCode.NotFound, "ledger.entry-not-found")]
    [InlineData("/api/v1/ledger/checkpoint?treeSize=999999", HttpStatusCode.NotFound, "ledger.checkpoint-not-found")]
    [InlineData("/api/v1/ledger/proof/inclusion?index=5", HttpStatusCode.BadRequest, "ledger.proof-arguments")]
    [InlineData("/api/v1/ledger/proof/inclusion?index=5&treeSize=2", HttpStatusCode.BadRequest, "ledger.bad-argument")]
    [InlineData("/api/v1/ledger/proof/consistency?from=3&to=1", HttpStatusCode.BadRequest, "ledger.bad-argument")]
    [InlineData("/api/v1/ledger/proof/inclusion?index=-1&treeSize=1", HttpStatusCode.BadRequest, "ledger.bad-argument")]
    public async Task LedgerEndpoints_AnswerProblemJson_WhenArgumentsAreBad(string url, HttpStatusCode status, string code)
    {
        var response = await Admin.GetAsync(url);

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task LedgerEndpoints_Return401_WithoutToken()
    {
        var response = await Factory.ClientWith(null).GetAsync("/api/v1/ledger/checkpoint");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }
}
