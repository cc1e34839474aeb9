using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Ledger.Export;
using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Notes;
using Archive.Storage;
using Archive.Storage.FileSystem;
using Archive.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;

namespace Archive.Integrity.Tests.Ledger;

/// <summary>The ledger's export into the offline store at each checkpoint, and its replay into an empty ledger.</summary>
public sealed class LedgerExportTests : IDisposable
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Segment_RoundTrips_AndTruncatedBytesAreRefused()
    {
        var segment = new LedgerExportSegment(7, [new("{\"a\":1}"u8.ToArray(), "key:1"), new("{}"u8.ToArray(), null)], "note\n");
        var bytes = segment.ToBytes();

        var parsed = LedgerExportSegment.Parse(bytes);

        Assert.Equal(9, parsed.To);
        Assert.Equal("key:1", parsed.Entries[0].IdempotencyKey);
        Assert.Null(parsed.Entries[1].IdempotencyKey);
        Assert.Equal("note\n", parsed.CheckpointNote);
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Throws<FormatException>(() => LedgerExportSegment.Parse(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task Export_ChainsSegmentsPastAStaleHint_AndRebuildRestoresEntriesKeysAndCheckpoints(string kind)
    {
        await using var source = await LedgerTestDatabase.CreateAsync();
        var (offline, cleanup) = await TestStores.CreateAsync(kind);
        try
        {
            await ChainAndRebuildAsync(source, offline);
        }
        finally
        {
            await cleanup();
        }
    }

    [Fact]
    public async Task Export_FromTwoProcessesSigningAtOnce_FormsOneGapFreeChain()
    {
        await using var source = await LedgerTestDatabase.CreateAsync();
        var offline = new FileSystemObjectStore(Path.Combine(_root, "offline"));
        var first = ExportingLedger(source, offline);
        var second = ExportingLedger(source, offline);
        for (var round = 0; round < 5; round++)
        {
            await AppendAsync(first, 2);
            await AppendAsync(second, 2);
            await Task.WhenAll(first.SignCheckpointAsync(CancellationToken.None), second.SignCheckpointAsync(CancellationToken.None));
        }

        Assert.Equal(20, await LedgerExporter.FindEndAsync(offline, CancellationToken.None));
        await using var target = await LedgerTestDatabase.CreateAsync();
        Assert.Equal(20, (await Rebuilder(target, offline).RebuildAsync(CancellationToken.None)).Size);
    }

    [Fact]
    public async Task Rebuild_Refuses_WhenTheExportStopsShortOfTheWitness_AndCommitsNothing()
    {
        await using var source = await LedgerTestDatabase.CreateAsync();
        var offline = new FileSystemObjectStore(Path.Combine(_root, "offline"));
        var ledger = ExportingLedger(source, offline);
        await AppendAsync(ledger, 3);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 2);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        // The last segment is lost (a medium failed): entries 3 and 4 are witnessed but no longer exported.
        File.Delete(Path.Combine(_root, "offline", LedgerExportSegment.KeyFor(3)));

        await using var target = await LedgerTestDatabase.CreateAsync();
        var e = await Assert.ThrowsAsync<RebuildException>(() => Rebuilder(target, offline).RebuildAsync(CancellationToken.None));

        Assert.Equal("rebuild.export-incomplete", e.Code);
        Assert.Equal(0, await target.CreateLedger(Signer).GetSizeAsync(CancellationToken.None));
    }

    private static async Task ChainAndRebuildAsync(TestDatabase source, IObjectStore offline)
    {
        var ledger = ExportingLedger(source, offline);
        await ledger.AppendAsync("test.export", new JsonObject { ["i"] = 0 }, "once:0");
        await AppendAsync(ledger, 2);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 2);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        // A crash after a segment but before its hint: the next export must follow the chain, not rewrite from the hint.
        await offline.PutAsync(LedgerExporter.PositionKey, new MemoryStream("3"u8.ToArray()), null, CancellationToken.None);
        await AppendAsync(ledger, 1);
        var last = await ledger.SignCheckpointAsync(CancellationToken.None);

        Assert.Equal(3, (await LedgerExporter.ReadSegmentAsync(offline, 0, CancellationToken.None))!.To);
        Assert.Equal(5, (await LedgerExporter.ReadSegmentAsync(offline, 3, CancellationToken.None))!.To);
        Assert.Equal(6, await LedgerExporter.FindEndAsync(offline, CancellationToken.None));

        await using var target = await LedgerTestDatabase.CreateAsync();
        var result = await Rebuilder(target, offline).RebuildAsync(CancellationToken.None);

        Assert.Equal(6, result.Size);
        Assert.Equal(6, result.WitnessedSize);
        var rebuilt = target.CreateLedger(Signer);
        for (var i = 0L; i < 6; i++)
        {
            Assert.Equal(await ledger.GetEntryAsync(i, CancellationToken.None), await rebuilt.GetEntryAsync(i, CancellationToken.None));
        }

        Assert.Equal(last, await rebuilt.GetCheckpointAsync(6, CancellationToken.None));
        Assert.True((await rebuilt.AppendAsync("test.export", new JsonObject { ["i"] = 0 }, "once:0")).AlreadyPresent);
        await rebuilt.StartAsync(CancellationToken.None);

        var again = await Assert.ThrowsAsync<RebuildException>(() => Rebuilder(target, offline).RebuildAsync(CancellationToken.None));
        Assert.Equal("rebuild.database-not-empty", again.Code);
    }

    [Fact]
    public async Task Rebuild_Refuses_WhenAnExportedEntryWasChanged_AndCommitsNothing()
    {
        await using var source = await LedgerTestDatabase.CreateAsync();
        var offline = new FileSystemObjectStore(Path.Combine(_root, "offline"));
        var ledger = ExportingLedger(source, offline);
        await AppendAsync(ledger, 4);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        var segment = (await LedgerExporter.ReadSegmentAsync(offline, 0, CancellationToken.None))!;
        var changed = segment.Entries.ToList();
        changed[1] = changed[1] with { Bytes = System.Text.Encoding.UTF8.GetBytes("{\"at\":\"2024-01-02T03:04:05Z\",\"i\":9,\"type\":\"test.export\"}") };
        var tampered = new LedgerExportSegment(0, changed, segment.CheckpointNote).ToBytes();
        await offline.PutAsync(LedgerExportSegment.KeyFor(0), new MemoryStream(tampered), new PutOptions { ReplaceRetained = true }, CancellationToken.None);

        await using var target = await LedgerTestDatabase.CreateAsync();
        var e = await Assert.ThrowsAsync<RebuildException>(() => Rebuilder(target, offline).RebuildAsync(CancellationToken.None));

        Assert.Equal("rebuild.segment-root-mismatch", e.Code);
        Assert.Equal(0, await target.CreateLedger(Signer).GetSizeAsync(CancellationToken.None));
    }

    private static PostgresLedger ExportingLedger(TestDatabase db, IObjectStore offline)
    {
        var dataSource = db.CreateDataSource();
        var witness = new ExportingCheckpointWitness(
            new StoreCheckpointWitness([new("offline", offline)], Signer.Verifier.ToVerifierKey()),
            new LedgerExporter(dataSource, offline),
            NullLogger<ExportingCheckpointWitness>.Instance);
        return db.Own(new PostgresLedger(
            dataSource, new FakeClock(LedgerTestDatabase.Start, NodaTime.Duration.FromMilliseconds(1)), Signer,
            new LedgerOptions { Origin = LedgerTestDatabase.Origin }, NullLogger<PostgresLedger>.Instance, witness));
    }

    private static LedgerRebuilder Rebuilder(TestDatabase db, IObjectStore offline) =>
        new(db.CreateDataSource(), offline, Signer.Verifier.ToVerifierKey(), null, new FakeClock(LedgerTestDatabase.Start));

    private static async Task AppendAsync(PostgresLedger ledger, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync("test.export", new JsonObject { ["i"] = i });
        }
    }
}
