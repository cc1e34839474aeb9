using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Ingest.Sealing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Archive.Api.Tests.Retention;

/// <summary>What a completed disposal leaves behind, checked the same way by every disposal test.</summary>
internal static partial class DisposalAssertions
{
    /// <summary>
    /// Content of versions 1..<paramref name="versions"/> gone from both stores, manifests kept, reads answer 410 naming
    /// the tombstone, whose digests match the manifest and whose inclusion proof verifies with the Go verifier.
    /// </summary>
    public static async Task AssertDisposedAsync(RetentionHost h, RetainedProject p, int versions = 1)
    {
        for (var v = 1; v <= versions; v++)
        {
            for (var i = 0; i < p.Items.Count; i++)
            {
                Assert.Null(await h.Stores.Online.StatAsync(ArchiveKeys.ContentObject(p.Sha256(i)), CancellationToken.None));
                Assert.Null(await h.Stores.Offline.StatAsync(ArchiveKeys.BagPayload(p.Code, v, p.Items[i].Path), CancellationToken.None));
            }

            Assert.NotNull(await h.Stores.Online.StatAsync(ArchiveKeys.Manifest(p.Code, v), CancellationToken.None));
        }

        Assert.Equal(0, await TextRowsAsync(h, p.Code)); // the text extracted for full-text search went with the content

        var gone = await (await h.Archivist.GetAsync(p.ItemUrl(p.Items[0].Path))).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");
        var index = TombstoneIndexOf(gone);
        await (await h.Archivist.GetAsync($"/api/v1/projects/{p.Code}/versions/{versions}/bag")).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");

        var tombstone = await EntryAsync(h.Archivist, index);
        Assert.Equal("retention.disposed", tombstone.GetProperty("type").GetString());
        Assert.Equal(p.Code, tombstone.GetProperty("project").GetString());
        Assert.Equal(2, tombstone.GetProperty("decisions").GetArrayLength());
        var version = tombstone.GetProperty("version").GetInt32();
        var manifest = await h.Archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{p.Code}/versions/{version}/manifest");
        var digests = tombstone.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("path").GetString()!);
        Assert.Equal(manifest.GetProperty("items").GetArrayLength(), digests.Count);
        foreach (var item in manifest.GetProperty("items").EnumerateArray())
        {
            var recorded = digests[item.GetProperty("path").GetString()!];
            Assert.Equal(item.GetProperty("sha256").GetString(), recorded.GetProperty("sha256").GetString());
            Assert.Equal(item.GetProperty("sm3").GetString(), recorded.GetProperty("sm3").GetString());
            Assert.Equal(item.GetProperty("size").GetInt64(), recorded.GetProperty("size").GetInt64());
            // Each item recorded its own 保管期限 at seal (other: 15 years, in the 30-year tier).
            Assert.Equal("30y", item.GetProperty("retention").GetProperty("period").GetString());
        }

        await LedgerProofs.AssertVerifiesWithGoAsync(h.Archivist, index);
    }

    /// <summary>The tombstone's ledger index named in a 410 problem's detail.</summary>
    public static long TombstoneIndexOf(JsonElement problem) =>
        long.Parse(TombstoneIndex().Match(problem.GetProperty("detail").GetString()!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<long> TextRowsAsync(RetentionHost h, string code)
    {
        await using var cmd = h.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM ingest.item_texts WHERE project_code = $1");
        cmd.Parameters.Add(new() { Value = code });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<JsonElement> EntryAsync(HttpClient client, long index) =>
        JsonDocument.Parse(await client.GetByteArrayAsync($"/api/v1/ledger/entries/{index}")).RootElement.Clone();

    [GeneratedRegex(@"账本第 (\d+) 条")]
    private static partial Regex TombstoneIndex();
}
