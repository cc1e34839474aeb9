using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Issue 3, "crash safety": the real host, a child process, is SIGKILLed while an upload streams and after each step of
/// sealing (ARCHIVE_FAULT_INJECTION makes it kill itself there), then started again on the same database and data
/// folder. Afterwards every project is in its previous state or fully archived, the ledger has exactly one seal per
/// version with no gap, interrupted uploads leave nothing visible, and the interrupted seal finishes by itself.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrashSafetyTests(CrashFixture fixture, ITestOutputHelper output) : IClassFixture<CrashFixture>
{
    private const string ChangedPath = "公告/结果公示.pdf";
    private const string AddedPath = "录像/补充录像.mp4";

    public static TheoryData<string> KillPoints => [.. CrashFixture.KillPoints];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task Supplement_IsSealedExactlyOnce_WhenTheHostIsKilledAfterASealingStep(string point)
    {
        var (code, v1Sha) = fixture.Projects[point];
        var changed = SampleProject.Pdf("更正后的结果公示 " + point);
        var added = new byte[(512 << 10) + 3];
        await new RecordingStream(added.Length, (ulong)Array.IndexOf(CrashFixture.KillPoints, point) + 100).ReadExactlyAsync(added);
        Guid submission;

        await using (var doomed = await ChildHost.StartAsync(fixture.SettingsWithFault("seal-after:" + point)))
        {
            var ingest = doomed.ClientWith(fixture.IngestToken);
            try
            {
                submission = await IngestFlow.OpenAsync(ingest, code);
                await IngestFlow.UploadAsync(ingest, submission, [(ChangedPath, "result-publicity", "application/pdf", changed), (AddedPath, "av-recording", "video/mp4", added)]);
                await IngestFlow.SealAsync(ingest, submission);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"the host went away before the seal was requested:\n{doomed.Tail}", e);
            }

            Assert.True(await doomed.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"the host did not kill itself after {point}:\n{doomed.Tail}");
        }

        // While no process runs, the database holds either the previous state (v1 only, still sealing) or the new one.
        var (status, versions) = await fixture.DurableStateAsync(submission, code);
        Assert.Equal(point == "Confirm" ? "archived" : "sealing", status);
        Assert.Equal(point == "Confirm" ? [1, 2] : [1], versions);

        await using var host = await ChildHost.StartAsync(fixture.Settings);
        var client = host.ClientWith(fixture.IngestToken);
        var archivist = host.ClientWith(fixture.ArchivistToken);
        if (point != "Confirm")
        {
            // Until the resumed job finishes, version 2 is not visible at all.
            var early = await archivist.GetAsync($"/api/v1/projects/{code}/versions/2/manifest");
            Assert.True(early.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.OK, $"manifest v2 right after restart: {early.StatusCode}");
        }

        var state = await client.WaitForArchivedAsync(submission, TimeSpan.FromSeconds(90));
        output.WriteLine($"{point}: archived as version {state.GetProperty("version")} at ledger index {state.GetProperty("ledgerIndex")}");
        Assert.Equal(2, state.GetProperty("version").GetInt32());

        var seals = await LedgerInvariants.AssertSealsAsync(archivist);
        Assert.Equal([1, 2], seals[code].Select(e => e.GetProperty("version").GetInt32()));
        Assert.Equal(submission.ToString(), seals[code][1].GetProperty("submission").GetString());
        Assert.Equal(state.GetProperty("manifestSha256").GetString(), seals[code][1].GetProperty("manifestSha256").GetString());

        var manifest = JsonDocument.Parse(await archivist.GetByteArrayAsync($"/api/v1/projects/{code}/versions/2/manifest")).RootElement;
        Assert.Equal(v1Sha, manifest.GetProperty("previous").GetString());
        Assert.Equal(6, manifest.GetProperty("items").GetArrayLength());
        Assert.Equal(changed, await archivist.GetByteArrayAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(ChangedPath)}"));
        Assert.Equal(added, await archivist.GetByteArrayAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(AddedPath)}"));

        var bag = Path.Combine(fixture.DataDirectory, "offline", seals[code][1].GetProperty("bag").GetString()!);
        await BagChecks.AssertValidAsync(bag, archivist, code, 2);
        Assert.Empty(fixture.StagingFiles(submission));

        // The bystander is untouched: still open, with exactly its items.
        Assert.Equal("open", (await IngestFlow.StateAsync(client, fixture.BystanderSubmission)).GetProperty("status").GetString());
        var bystanderItems = await client.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{fixture.BystanderSubmission}/items");
        Assert.Equal(SampleProject.RequiredItems().Select(i => i.Path).Order(StringComparer.Ordinal),
            bystanderItems.EnumerateArray().Select(i => i.GetProperty("path").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InterruptedUpload_LeavesNoVisibleItem_AndReuploadSealsCleanly_WhenTheHostIsKilledWhileBytesStream()
    {
        const long length = 256L << 20;
        const string path = "录像/开标现场.mp4";
        var sha = Convert.ToHexStringLower(await RecordingStream.Sha256Async(length));
        var code = SampleProject.NewCode();
        Guid submission;

        await using (var host = await ChildHost.StartAsync(fixture.Settings))
        {
            var ingest = host.ClientWith(fixture.IngestToken);
            submission = await IngestFlow.OpenAsync(ingest, code);
            await IngestFlow.UploadAsync(ingest, submission, SampleProject.RequiredItems());
            var body = new SlowAfterStream(new RecordingStream(length), 48L << 20);
            var put = ingest.PutItemStreamAsync(submission, path, "av-recording", "video/mp4", body, length, sha);
            await body.Reached.WaitAsync(TimeSpan.FromSeconds(60));

            // The server is really writing those bytes: a temporary file in the submission's staging folder grows.
            await WaitForAsync(() => fixture.StagingFiles(submission).Any(f => Path.GetFileName(f).StartsWith(".~put-", StringComparison.Ordinal) && new FileInfo(f).Length > 0));
            await host.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => put);
        }

        await using (var host = await ChildHost.StartAsync(fixture.Settings))
        {
            var ingest = host.ClientWith(fixture.IngestToken);
            var archivist = host.ClientWith(fixture.ArchivistToken);
            Assert.Equal("open", (await IngestFlow.StateAsync(ingest, submission)).GetProperty("status").GetString());
            var items = await ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}/items");
            Assert.DoesNotContain(items.EnumerateArray(), i => i.GetProperty("path").GetString() == path);
            Assert.Equal(HttpStatusCode.NotFound, (await archivist.GetAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(path)}")).StatusCode);

            // The trading system uploads the recording again, in full, and seals.
            var again = await ingest.PutItemStreamAsync(submission, path, "av-recording", "video/mp4", new RecordingStream(length), length, sha);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            await IngestFlow.SealAsync(ingest, submission);
            var state = await ingest.WaitForArchivedAsync(submission, TimeSpan.FromSeconds(120));

            using var read = await archivist.GetAsync($"/api/v1/projects/{code}/items/{SampleProject.EscapePath(path)}", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(sha, Convert.ToHexStringLower(await SHA256.HashDataAsync(await read.Content.ReadAsStreamAsync())));

            var seals = await LedgerInvariants.AssertSealsAsync(archivist);
            var entry = Assert.Single(seals[code]);
            Assert.Equal(state.GetProperty("ledgerIndex").GetInt64(), (await BagChecks.AssertValidAsync(
                Path.Combine(fixture.DataDirectory, "offline", entry.GetProperty("bag").GetString()!), archivist, code, 1)).LedgerIndex);

            // Nothing of the interrupted upload is left behind in staging, not even its temporary file.
            Assert.Empty(fixture.StagingFiles(submission));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "condition not reached within 30 s");
    }
}
