using System.Net;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Notes;
using Archive.Testing;

namespace Archive.Api.Tests;

/// <summary>国密 co-signature of checkpoints as an outsider checks it: the published SM2 key and OpenSSL.</summary>
public sealed class LedgerCosignatureTests : ApiTest
{
    [Fact]
    public async Task Checkpoint_CarriesAnSm2Line_ThatOpenSslVerifiesWithThePublishedKey()
    {
        var (id, token) = await Admin.CreatePrincipalAsync("交易系统丙", "ingest", "平台丙");
        var reader = Factory.ClientWith(token);
        var index = await LedgerReading.IndexOfAsync(Admin, e => e.GetProperty("principal").GetString() == id.ToString());
        var note = await reader.WaitForCheckpointCoveringAsync(index);
        var sm2Key = (await reader.GetStringAsync("/api/v1/ledger/key/sm2")).Trim();
        var edKey = (await reader.GetStringAsync("/api/v1/ledger/key")).Trim();

        var (code, output) = await OpenSslSm2.VerifyNoteAsync(note, sm2Key);
        Assert.True(code == 0, output);
        Assert.Equal(SignedNote.Open(note, NoteVerifier.Parse(edKey)), SignedNote.Open(note, Sm2NoteVerifier.Parse(sm2Key)));
        var pem = await reader.GetStringAsync("/api/v1/ledger/key/sm2?format=pem");
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);

        using var keys = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/ledger/keys"));
        Assert.Equal(sm2Key, keys.RootElement.GetProperty("current").GetProperty("sm2").GetString());
        var algorithms = keys.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("algorithm").GetString()).Order().ToList();
        Assert.Equal(["ed25519", "sm2"], algorithms);
        Assert.All(keys.RootElement.GetProperty("keys").EnumerateArray(), k => Assert.True(k.GetProperty("recordedAt").TryGetDateTimeOffset(out _)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.ClientWith(null).GetAsync("/api/v1/ledger/key/sm2")).StatusCode);
    }
}
