using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Integrity.Custody;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Archive.Api.Tests.Verification;

/// <summary>Issue 8: verification runs with both copies bad, and several workers sharing a run.</summary>
public sealed class VerificationRunTests : CustodyTest
{
    [Fact]
    public async Task Run_RecordsCopyLost_WhenBothCopiesAreBad_AndTheSummaryFlagsIt()
    {
        await StoreTampering.FlipByteAsync(Stores.Online, OnlineRecordingKey, 100);
        await StoreTampering.FlipByteAsync(Stores.Offline, OfflineRecordingKey, 900);

        var run = await RunVerificationAsync(new { projects = new[] { Code }, copies = new[] { "online" } });

        Assert.Equal(1, run.GetProperty("lost").GetInt32());
        var failure = Assert.Single(run.GetProperty("failures").EnumerateArray());
        Assert.True(failure.GetProperty("lost").GetBoolean());
        Assert.False(failure.GetProperty("repaired").GetBoolean());
        var lostIndex = failure.GetProperty("ledgerIndex").GetInt64();
        Assert.Equal("copy.lost", JsonDocument.Parse(await Archivist.GetByteArrayAsync($"/api/v1/ledger/entries/{lostIndex}")).RootElement.GetProperty("type").GetString());
        await LedgerProofs.AssertVerifiesWithGoAsync(Archivist, lostIndex);
        Assert.Equal("lost", (await SummaryAsync()).GetProperty("lastVerification").GetProperty("online").GetProperty("result").GetString());

        var read = await Archivist.GetAsync($"/api/v1/projects/{Code}/items/{SampleProject.EscapePath(RecordingPath)}");
        await read.AssertProblemAsync(HttpStatusCode.InternalServerError, "content.lost");
    }

    [Fact]
    public async Task TwoWorkers_CheckEachObjectOnce_AndObjectsOfAKilledWorkerAreTakenOver()
    {
        var runs = Factory.Services.GetRequiredService<VerificationRunStore>();
        var worker = Factory.Services.GetRequiredService<VerificationWorker>();
        var clock = Factory.Services.GetRequiredService<IClock>();
        var id = Guid.NewGuid();
        await runs.CreateAsync(id, "manual", [CopyKind.Online, CopyKind.Offline], [Code], clock.GetCurrentInstant(), CancellationToken.None);
        await runs.PlanAsync(id, null, clock.GetCurrentInstant(), CancellationToken.None);
        // A worker that claimed three objects and was killed: its lease has already run out.
        var abandoned = await runs.ClaimAsync(id, 3, Duration.Zero, clock.GetCurrentInstant() - Duration.FromSeconds(1), CancellationToken.None);
        Assert.Equal(3, abandoned.Count);

        var finished = await Task.WhenAll(
            Task.Run(() => worker.WorkAsync(id, null, null, CancellationToken.None)),
            Task.Run(() => worker.WorkAsync(id, null, null, CancellationToken.None)));

        Assert.Single(finished, f => f);
        var run = (await runs.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(VerificationRunStatus.Completed, run.Status);
        Assert.True(run.Planned > 20, $"planned {run.Planned}");
        Assert.Equal(run.Planned, run.ObjectsChecked);
        var checks = await runs.ChecksPerObjectAsync(id, CancellationToken.None);
        Assert.Equal(3, checks.Count(c => c == 2));
        Assert.All(checks, c => Assert.InRange(c, 1, 2));
        Assert.Equal(run.Planned - 3, checks.Count(c => c == 1));
    }
}
