using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Testing;
using Xunit.Abstractions;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Issue 12 §2: the online S3 store (s3rver behind a <see cref="TcpProxy"/>) becomes unreachable for a minute while
/// seals run. The seals wait — retried, never failed, rejected or parked, nothing half-written — and complete by
/// themselves once the store is back; a seal requested during the outage is refused with a clean 503 and accepted
/// after it; meanwhile a version sealed before the outage reads back from its offline copy, verified, without its
/// online copy being marked damaged.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Seals_wait_and_complete_and_reads_use_the_offline_copy_when_the_online_store_is_unreachable_for_a_minute()
    {
        var s3 = new Uri(TestServices.S3.Replace("s3://", "http://", StringComparison.Ordinal));
        await using var proxy = TcpProxy.Start(s3.Host, s3.Port);
        var settings = await ChildHost.NewSettingsAsync();
        settings["ARCHIVE_ONLINE"] = StoreUris.New("s3", settings["ARCHIVE_DATA_DIR"]!, "online").Replace($":{s3.Port}/", $":{proxy.Port}/", StringComparison.Ordinal);
        // Retries every 10 s at most (Hangfire's own delays grow past the outage), so the seals end soon after it.
        settings["ARCHIVE_JOB_RETRY_MAX_SECONDS"] = "10";
        var host = await ChildHost.StartAsync(settings);
        try
        {
            var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(host.ClientWith(settings["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"]));
            using var ingest = host.ClientWith(ingestToken);
            using var archivist = host.ClientWith(archivistToken);
            var items = SampleProject.RequiredItems();

            var before = SampleProject.NewCode();
            var sealedBefore = await IngestFlow.OpenAsync(ingest, before);
            await IngestFlow.UploadAsync(ingest, sealedBefore, items);
            await IngestFlow.SealAsync(ingest, sealedBefore);
            await ingest.WaitForArchivedAsync(sealedBefore, TimeSpan.FromSeconds(60));

            var waiting = new List<(string Code, Guid Id)>();
            for (var i = 0; i < 4; i++)
            {
                var code = SampleProject.NewCode();
                var id = await IngestFlow.OpenAsync(ingest, code);
                await IngestFlow.UploadAsync(ingest, id, items);
                waiting.Add((code, id));
            }

            // Three seals are accepted together just before the cut, so their jobs run into it. A seal requested during
            // the outage is refused cleanly (its checks read the staged bytes) and leaves the submission open.
            await Task.WhenAll(waiting.Take(3).Select(w => IngestFlow.SealAsync(ingest, w.Id)));
            proxy.Cut();
            var outage = Stopwatch.StartNew();
            var refused = await ingest.PostAsync($"/api/v1/submissions/{waiting[3].Id}/seal", null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("storage.unavailable", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
            Assert.Equal("open", (await IngestFlow.StateAsync(ingest, waiting[3].Id)).GetProperty("status").GetString());

            // Reads go on from the offline copy, verified against the sealed digests.
            while (outage.Elapsed < Outage)
            {
                foreach (var (path, _, _, bytes) in items)
                {
                    var response = await archivist.GetAsync($"/api/v1/projects/{before}/items/{SampleProject.EscapePath(path)}");
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} during the outage: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
                }

                foreach (var (_, id) in waiting.Take(3))
                {
                    var state = await IngestFlow.StateAsync(ingest, id);
                    Assert.Contains(state.GetProperty("status").GetString(), new[] { "sealing", "archived" });
                    Assert.Equal(0, state.GetProperty("problems").GetArrayLength());
                }

                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            Assert.True(proxy.Refused > 0, "nothing tried the online store during the outage");
            var waited = 0;
            foreach (var (_, id) in waiting.Take(3))
            {
                waited += (await IngestFlow.StateAsync(ingest, id)).GetProperty("status").GetString() == "sealing" ? 1 : 0;
            }

            Assert.True(waited > 0, "every seal finished before the cut: nothing waited");
            // Retried every 10 s at most, a waiting seal failed several times during the minute (Hangfire's own delays: twice at most).
            var failures = JobExecutions.Of(host).Where(e => e.Method == "SealingJob.RunAsync" && e.Outcome == "failed").GroupBy(e => e.JobId).Max(g => g.Count());
            Assert.True(failures >= 4, $"a waiting seal was tried {failures} times during the outage");
            proxy.Restore();
            output.WriteLine($"outage over after {outage.Elapsed}; {proxy.Refused} connections refused; {waited} seals waited, one tried {failures} times");
            await IngestFlow.SealAsync(ingest, waiting[3].Id);

            var indexes = new List<long>();
            foreach (var (_, id) in waiting)
            {
                var state = await ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(60));
                Assert.Equal(1, state.GetProperty("version").GetInt32());
                indexes.Add(state.GetProperty("ledgerIndex").GetInt64());
            }

            output.WriteLine($"all seals archived {outage.Elapsed} after the cut");
            var seals = await LedgerInvariants.AssertSealsAsync(archivist);
            Assert.All(waiting, w => Assert.Single(seals[w.Code]));
            await LedgerProofs.AssertVerifiesWithGoAsync(archivist, indexes.Max());
            foreach (var (code, _) in waiting)
            {
                var (path, _, _, bytes) = items[0];
                Assert.Equal(bytes, await archivist.GetByteArrayAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(path)}"));
            }

            // The outage was not damage: the online copy read around during it is still confirmed.
            var summary = JsonDocument.Parse(await archivist.GetStringAsync($"/api/v1/projects/{before}")).RootElement;
            Assert.Equal("confirmed", summary.GetProperty("versions")[0].GetProperty("copies").GetProperty("online").GetString());
        }
        finally
        {
            await host.DisposeAsync();
            Directory.Delete(settings["ARCHIVE_DATA_DIR"]!, recursive: true);
        }
    }
}
