using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Cli;
using Archive.Api.Tests.EndToEnd;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Cli;

/// <summary>
/// Issue 12 §3: the offline copy alone is enough. Projects are sealed, one is read under an approved grant, the database
/// is lost; <c>rebuild --from offline</c> into a fresh database brings back a ledger that Go's tlog proves consistent
/// with the pre-loss checkpoint, with the read and the decision in it, and a catalogue whose items read back byte for
/// byte — one of them after its online object was lost too.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class RebuildCommandTests
{
    [Fact]
    public async Task Rebuild_FromOfflineAlone_LedgerConsistentWithPreLossCheckpoint_ItemsByteIdentical_AndRefusedTwice()
    {
        var data = Directory.CreateTempSubdirectory("archive-rebuild-test-").FullName;
        try
        {
            var (projects, preLoss) = await ArchiveAndReadAsync(data);
            LoseOnlineObject(data, projects[1].Items[0].Bytes);

            var fresh = await TestServices.CreateDatabaseAsync("rebuilt");
            var settings = OfflineWitness.RebuildSettings(fresh, data);
            var (code, output) = await CliRun.RunAsync(["rebuild", "--from", "offline"], settings);
            Assert.True(code == ArchiveCli.Success, output);
            Assert.Contains("账本已重建", output, StringComparison.Ordinal);
            Assert.Contains($"版本 {projects.Count} 个", output, StringComparison.Ordinal);
            Assert.Contains("缺失 1 个", output, StringComparison.Ordinal);
            Assert.Contains($"恢复档号 {projects.Count} 个", output, StringComparison.Ordinal);

            // A second rebuild into the now non-empty database is refused and changes nothing.
            var (again, againOutput) = await CliRun.RunAsync(["rebuild", "--from", "offline"], settings);
            Assert.True(again == 3, againOutput);
            Assert.Contains("rebuild.database-not-empty", againOutput, StringComparison.Ordinal);

            await using var rebuilt = await ArchiveApiFactory.CreateAsync(database: fresh, dataDirectory: data);
            var admin = rebuilt.ClientWith(rebuilt.AdminToken);
            var archivist = rebuilt.ClientWith((await admin.CreatePrincipalAsync("档案员", "archivist", "云南省公共资源交易中心")).Token);
            await AssertLedgerAsync(archivist, preLoss);

            // Each version keeps its 档号, and the counter moved past them: the next version sealed gets a new one.
            foreach (var project in projects)
            {
                var summary = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{project.Code}");
                Assert.Equal(project.ArchivalCode, summary.GetProperty("versions")[0].GetProperty("archivalCode").GetString());
            }

            // Default pattern {fonds}-{category}-{year}-{tier}-{number}: allocate in the same series as the last restored code.
            var last = projects[^1].ArchivalCode.Split('-');
            var category = (await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projects[^1].Code}")).GetProperty("project").GetProperty("category").GetString()!;
            var next = await rebuilt.Services.GetRequiredService<Archive.Ingest.Arrangement.ArchivalCodes>()
                .AllocateAsync(SampleProject.NewCode(), 1, category, int.Parse(last[2], CultureInfo.InvariantCulture), last[3], CancellationToken.None);
            Assert.True(long.Parse(next.Split('-')[4], CultureInfo.InvariantCulture) > long.Parse(last[4], CultureInfo.InvariantCulture), next);
            Assert.DoesNotContain(next, projects.Select(p => p.ArchivalCode));

            // The object lost online with the database is put back from the offline copy by a verification run.
            var run = await archivist.RunVerificationAsync(new { copies = new[] { "online" } });
            Assert.True(run.GetProperty("repaired").GetInt64() >= 1, run.ToString());
            Assert.True(File.Exists(OnlineObjectPath(data, projects[1].Items[0].Bytes)));
            foreach (var project in projects)
            {
                foreach (var (path, _, _, bytes) in project.Items)
                {
                    var response = await archivist.GetAsync($"/api/v1/projects/{project.Code}/items/{SampleProject.EscapePath(path)}");
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{project.Code}/{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
                }
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(List<Sealed> Projects, PreLoss PreLoss)> ArchiveAndReadAsync(string data)
    {
        await using var host = await ArchiveApiFactory.CreateAsync(dataDirectory: data);
        var admin = host.ClientWith(host.AdminToken);
        var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(admin);
        var archivist = host.ClientWith(archivistToken);
        var ingest = host.ClientWith(ingestToken);
        var projects = new List<Sealed>();
        for (var i = 0; i < 2; i++)
        {
            var code = SampleProject.NewCode();
            var items = SampleProject.RequiredItems()
                .Select(item => item.MediaType == "application/json" ? item with { Bytes = JsonSerializer.SerializeToUtf8Bytes(new { code, item.Path }) } : item)
                .ToList();
            var submission = await IngestFlow.OpenAsync(ingest, code);
            await IngestFlow.UploadAsync(ingest, submission, items);
            await IngestFlow.SealAsync(ingest, submission);
            await ingest.WaitForArchivedAsync(submission, TimeSpan.FromSeconds(180));
            var summary = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{code}");
            projects.Add(new Sealed(code, items, summary.GetProperty("versions")[0].GetProperty("archivalCode").GetString()!));
        }

        // An agency reads project 0 under an approved grant: entries that never go into a bag.
        var auditor = host.ClientWith((await admin.CreatePrincipalAsync("李审查", "auditor", "某州纪律检查委员会")).Token);
        var approver = host.ClientWith((await admin.CreatePrincipalAsync("王主任", "approver", "某州公共资源交易中心")).Token);
        var approved = await AccessCalls.GrantedAsync(auditor, approver, AccessCalls.RequestBody([projects[0].Code]));
        var decidedIndex = approved.GetProperty("decisions")[0].GetProperty("ledgerIndex").GetInt64();
        var read = await auditor.GetAsync($"/api/v1/projects/{projects[0].Code}/items/{SampleProject.EscapePath(projects[0].Items[0].Path)}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var readIndex = long.Parse(read.Headers.GetValues("X-Ledger-Index").Single(), CultureInfo.InvariantCulture);

        var note = await admin.WaitForCheckpointCoveringAsync(readIndex);
        var size = long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture);
        await OfflineWitness.WaitForAsync(data, size);
        var preLoss = new PreLoss(note, size, readIndex, await archivist.GetByteArrayAsync($"/api/v1/ledger/entries/{readIndex}"), decidedIndex,
            await archivist.GetByteArrayAsync($"/api/v1/ledger/entries/{decidedIndex}"));
        return (projects, preLoss);
    }

    private static void LoseOnlineObject(string data, byte[] bytes)
    {
        var path = OnlineObjectPath(data, bytes);
        Assert.True(File.Exists(path), path);
        File.Delete(path);
    }

    private static string OnlineObjectPath(string data, byte[] bytes)
    {
        var sha = AccessCalls.Sha256(bytes);
        return Path.Combine(data, "online", "objects", "sha256", sha[..2], sha[2..4], sha);
    }

    private static async Task AssertLedgerAsync(HttpClient client, PreLoss preLoss)
    {
        // The rebuilt ledger holds the read and the decision, byte for byte.
        Assert.Equal(preLoss.ReadEntry, await client.GetByteArrayAsync($"/api/v1/ledger/entries/{preLoss.ReadIndex}"));
        Assert.Equal(preLoss.DecidedEntry, await client.GetByteArrayAsync($"/api/v1/ledger/entries/{preLoss.DecidedIndex}"));
        Assert.Contains("\"type\":\"access.read\"", System.Text.Encoding.UTF8.GetString(preLoss.ReadEntry), StringComparison.Ordinal);

        // Go's tlog: the rebuilt tree's checkpoint is consistent with the pre-loss one and includes the read.
        // The rebuilt host appended its bootstrap admin and the archivist since: wait for a checkpoint past the pre-loss size.
        var note = await client.WaitForCheckpointCoveringAsync(preLoss.Size);
        var size = long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("rebuild-evidence-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "verifier-key.txt"), await client.GetStringAsync("/api/v1/ledger/key"));
            await File.WriteAllTextAsync(Path.Combine(dir, "checkpoint.txt"), note);
            await File.WriteAllTextAsync(Path.Combine(dir, "old-checkpoint.txt"), preLoss.Note);
            await File.WriteAllBytesAsync(Path.Combine(dir, "ledger-entry.json"), preLoss.ReadEntry);
            await File.WriteAllTextAsync(Path.Combine(dir, "inclusion-proof.json"),
                await client.GetStringAsync($"/api/v1/ledger/proof/inclusion?index={preLoss.ReadIndex}&treeSize={size}"));
            await File.WriteAllTextAsync(Path.Combine(dir, "consistency-proof.json"),
                await client.GetStringAsync($"/api/v1/ledger/proof/consistency?from={preLoss.Size}&to={size}"));
            var (code, output) = await GoVerifier.RunAsync(dir);
            Assert.True(code == 0, output);
            Assert.Contains($"consistent with tree of size {preLoss.Size}", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record Sealed(string Code, List<(string Path, string Role, string MediaType, byte[] Bytes)> Items, string ArchivalCode);

    private sealed record PreLoss(string Note, long Size, long ReadIndex, byte[] ReadEntry, long DecidedIndex, byte[] DecidedEntry);
}
