using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;

namespace Archive.Api.Tests.Grants;

/// <summary>Calls of the access workflow, as an agency and an approver make them.</summary>
public static class AccessCalls
{
    public static object RequestBody(string[] projects, string scope = "read", int days = 30, bool? includePersonalData = null) => new
    {
        projects,
        scope,
        purpose = "核查该项目交易过程中的违纪线索",
        legalBasis = new { documentNumber = "某纪调〔2026〕12号", issuer = "中共某州市纪律检查委员会" },
        days,
        includePersonalData,
    };

    /// <summary>A scanned legal document (a real PDF).</summary>
    public static byte[] LegalDocumentScan() => GrantsHost.RealPdf("调取证据通知书");

    public static async Task<JsonElement> FileAsync(this HttpClient auditor, object body)
    {
        var response = await auditor.PostAsJsonAsync("/api/v1/access-requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient auditor, Guid request, byte[] document, string mediaType = "application/pdf")
    {
        var content = new ByteArrayContent(document);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return auditor.PutAsync($"/api/v1/access-requests/{request}/document", content);
    }

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient approver, Guid request, bool approve, string? comment = "同意") =>
        approver.PostAsJsonAsync($"/api/v1/access-requests/{request}/decision", new { approve, comment });

    /// <summary>Files, uploads the document and has it approved; returns the approved request.</summary>
    public static async Task<JsonElement> GrantedAsync(HttpClient auditor, HttpClient approver, object body)
    {
        var id = (await auditor.FileAsync(body)).GetProperty("id").GetGuid();
        var upload = await auditor.UploadAsync(id, LegalDocumentScan());
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var decided = await approver.DecideAsync(id, true);
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var view = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", view.GetProperty("status").GetString());
        return view;
    }

    public static async Task<JsonElement> EntryAsync(this HttpClient client, long index) =>
        JsonDocument.Parse(await client.GetByteArrayAsync($"/api/v1/ledger/entries/{index}")).RootElement.Clone();

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Checks every entry of an evidence bundle with the archive's own RFC 6962 code (independent of the server's
    /// answer: the leaf is hashed here from the bytes, the root comes from the signed checkpoint verified with the
    /// published key) and returns the entries parsed, by index.
    /// </summary>
    public static Dictionary<long, JsonElement> VerifyEvidence(JsonElement bundle, string verifierKey)
    {
        var verifier = NoteVerifier.Parse(verifierKey.Trim());
        var entries = new Dictionary<long, JsonElement>();
        foreach (var item in bundle.GetProperty("entries").EnumerateArray())
        {
            var index = item.GetProperty("index").GetInt64();
            var bytes = Convert.FromBase64String(item.GetProperty("entry").GetString()!);
            var checkpoint = Checkpoint.Open(item.GetProperty("checkpoint").GetString()!, verifier);
            var proof = item.GetProperty("inclusionProof");
            Assert.Equal(index, proof.GetProperty("leafIndex").GetInt64());
            Assert.Equal(checkpoint.TreeSize, proof.GetProperty("treeSize").GetInt64());
            var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
            Assert.True(Proofs.CheckRecord(hashes, checkpoint.TreeSize, checkpoint.RootHash, index, TreeHashing.RecordHash(bytes)),
                $"inclusion proof of entry {index} does not verify");
            entries[index] = JsonDocument.Parse(bytes).RootElement.Clone();
        }

        return entries;
    }
}
