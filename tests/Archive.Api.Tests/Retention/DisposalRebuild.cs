using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Cli;
using Archive.Api.Tests.Cli;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Testing;

namespace Archive.Api.Tests.Retention;

/// <summary>
/// After the database is lost, <c>rebuild --from offline</c> reads the disposals' tombstones from the ledger's export:
/// items disposed of on their own are recorded as disposed again (reads answer 410 naming the same tombstone) instead of
/// looking lost, and verification expects their bag files absent.
/// </summary>
internal static class DisposalRebuild
{
    public static async Task AssertRebuiltAsync(string data, string code, string[] disposed, string[] kept, long tombstone)
    {
        var fresh = await TestServices.CreateDatabaseAsync("rebuilt");
        var (exit, output) = await CliRun.RunAsync(["rebuild", "--from", "offline"], OfflineWitness.RebuildSettings(fresh, data));
        Assert.True(exit == ArchiveCli.Success, output);
        Assert.Contains($"单独销毁的条目 {disposed.Length} 个", output, StringComparison.Ordinal);
        Assert.Contains("缺失 0 个", output, StringComparison.Ordinal);

        await using var rebuilt = await ArchiveApiFactory.CreateAsync(database: fresh, dataDirectory: data);
        var admin = rebuilt.ClientWith(rebuilt.AdminToken);
        var archivist = rebuilt.ClientWith((await admin.CreatePrincipalAsync("档案员", "archivist", "昆明市公共资源交易中心")).Token);
        string Url(string path) => $"/api/v1/projects/{code}/items/{SampleProject.EscapePath(path)}";
        foreach (var path in disposed)
        {
            var gone = await (await archivist.GetAsync(Url(path))).AssertProblemAsync(HttpStatusCode.Gone, "content.disposed");
            Assert.Equal(tombstone, DisposalAssertions.TombstoneIndexOf(gone));
        }

        foreach (var path in kept)
        {
            var read = await archivist.GetAsync(Url(path));
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{path}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
        }

        var version = (await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}")).GetProperty("versions")[0];
        Assert.Equal(disposed.Order(StringComparer.Ordinal), version.GetProperty("disposedItems").EnumerateArray().Select(d => d.GetProperty("path").GetString()));
        Assert.Equal("confirmed", version.GetProperty("copies").GetProperty("online").GetString());

        // Nothing lost, nothing failed, nothing "repaired" back into the bag.
        var run = await archivist.RunVerificationAsync(new { projects = new[] { code } });
        Assert.Equal(0, run.GetProperty("lost").GetInt32());
        Assert.Empty(run.GetProperty("failures").EnumerateArray());
        Assert.Equal(0, run.GetProperty("repaired").GetInt64());
    }
}
