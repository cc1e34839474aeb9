using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Npgsql;

namespace Archive.Integrity.Tests.Ledger;

public sealed class LedgerCheckpointTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    [Fact]
    public async Task SignCheckpointAsync_ReturnsNull_WhenLedgerEmpty()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);

        Assert.Null(await ledger.SignCheckpointAsync(CancellationToken.None));
        Assert.Null(await ledger.GetLatestCheckpointAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SignCheckpointAsync_SignsOnlyWhenGrown_AndStoresEveryCheckpoint()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 3);

        var first = await ledger.SignCheckpointAsync(CancellationToken.None);
        var unchanged = await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 2);
        var second = await ledger.SignCheckpointAsync(CancellationToken.None);

        Assert.Equal(first, unchanged);
        Assert.Equal(first, await ledger.GetCheckpointAsync(3, CancellationToken.None));
        Assert.Equal(second, await ledger.GetLatestCheckpointAsync(CancellationToken.None));
        Assert.Null(await ledger.GetCheckpointAsync(4, CancellationToken.None));
        var body = Checkpoint.ParseBody(SignedNote.Open(second!, NoteVerifier.Parse(ledger.VerifierKey)));
        Assert.Equal((LedgerTestDatabase.Origin, 5L), (body.Origin, body.TreeSize));
        Assert.StartsWith($"{LedgerTestDatabase.Origin}\n5\n", second, StringComparison.Ordinal);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM ledger.checkpoints"));
    }

    [Fact]
    public async Task WaitForCheckpointCoveringAsync_CompletesOnceACheckpointCoversTheEntry()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 2);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        var entry = await ledger.AppendAsync("package.sealed", []);

        var waiting = ledger.WaitForCheckpointCoveringAsync(entry.Index, CancellationToken.None);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        var note = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(await ledger.GetCheckpointAsync(3, CancellationToken.None), note);
        await Assert.ThrowsAsync<LedgerArgumentException>(() => ledger.WaitForCheckpointCoveringAsync(3, CancellationToken.None));
    }

    [Fact]
    public async Task Rows_CannotBeUpdated_ThroughOrdinaryStatements()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 2);
        await ledger.SignCheckpointAsync(CancellationToken.None);

        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("UPDATE ledger.tree_hashes SET hash = hash"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("DELETE FROM ledger.entries"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("DELETE FROM ledger.checkpoints"));
    }

    [Fact]
    public async Task SignCheckpointAsync_Refuses_WhenHashUnderSignedCheckpointTampered()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 8);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 1);
        // The root of the first 8 leaves: the hash the size-8 checkpoint's root is read from.
        await db.TamperAsync("ledger.tree_hashes", $"UPDATE ledger.tree_hashes SET hash = sha256(hash) WHERE stored_index = {StoredHashes.StoredHashIndex(3, 0)}");

        await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.SignCheckpointAsync(CancellationToken.None));

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM ledger.checkpoints"));
        await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SignCheckpointAsync_Refuses_WhenHashOfUnsignedEntryTampered()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 5);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 3);
        await db.TamperAsync("ledger.tree_hashes", $"UPDATE ledger.tree_hashes SET hash = sha256(hash) WHERE stored_index = {StoredHashes.StoredHashIndex(0, 6)}");

        await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.SignCheckpointAsync(CancellationToken.None));

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM ledger.checkpoints"));
    }

    [Fact]
    public async Task SignCheckpointAsync_Refuses_WhenUnsignedEntryBytesTampered()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 5);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 3);
        await db.TamperAsync("ledger.entries", "UPDATE ledger.entries SET bytes = convert_to('{\"type\":\"forged\"}', 'UTF8') WHERE index = 7");

        await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.SignCheckpointAsync(CancellationToken.None));

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM ledger.checkpoints"));
    }

    [Fact]
    public async Task SignCheckpointAsync_Refuses_WhenStoredNoteTampered()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await AppendAsync(ledger, 4);
        await ledger.SignCheckpointAsync(CancellationToken.None);
        await AppendAsync(ledger, 1);
        await db.TamperAsync("ledger.checkpoints", "UPDATE ledger.checkpoints SET note = replace(note, E'\\n4\\n', E'\\n3\\n')");

        await Assert.ThrowsAsync<LedgerIntegrityException>(() => ledger.SignCheckpointAsync(CancellationToken.None));

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM ledger.checkpoints"));
    }

    [Fact]
    public async Task StartAsync_Refuses_WhenSigningKeyDiffersFromRecordedKey()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var original = db.CreateLedger(Signer);
        await original.StartAsync(CancellationToken.None);
        await AppendAsync(original, 2);
        await original.SignCheckpointAsync(CancellationToken.None);
        var impostor = db.CreateLedger(NoteSigner.Generate(LedgerTestDatabase.Origin));
        await AppendAsync(impostor, 1);

        var error = await Assert.ThrowsAsync<LedgerIntegrityException>(() => impostor.StartAsync(CancellationToken.None));
        await Assert.ThrowsAsync<LedgerIntegrityException>(() => impostor.SignCheckpointAsync(CancellationToken.None));
        await Assert.ThrowsAsync<LedgerIntegrityException>(() => impostor.RunCheckpointLoopAsync(CancellationToken.None));

        Assert.Contains(impostor.VerifierKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(original.VerifierKey, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM ledger.checkpoints"));
        await original.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunCheckpointLoopAsync_SignsWhileTheLogGrows()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer, options: new LedgerOptions { Origin = LedgerTestDatabase.Origin, CheckpointInterval = TimeSpan.FromMilliseconds(100) });
        using var stop = new CancellationTokenSource();
        var loop = ledger.RunCheckpointLoopAsync(stop.Token);

        var last = await ledger.AppendAsync("test.loop", []);
        for (var i = 0; i < 5; i++)
        {
            last = await ledger.AppendAsync("test.loop", []);
        }
        var note = await ledger.WaitForCheckpointCoveringAsync(last.Index, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.StartsWith($"{LedgerTestDatabase.Origin}\n6\n", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Refuse_WhenOutOfRange()
    {
        Assert.Throws<ArgumentException>(() => new LedgerOptions { Origin = "a b" }.Validate());
        Assert.Throws<ArgumentException>(() => new LedgerOptions { CheckpointInterval = TimeSpan.FromMinutes(2) }.Validate());
        Assert.Throws<ArgumentException>(() => new LedgerOptions { MaxBatchSize = 0 }.Validate());
        new LedgerOptions().Validate();
    }

    [Fact]
    public async Task Constructor_Refuses_WhenKeyNameIsNotOrigin()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();

        var error = Assert.Throws<ArgumentException>(() => db.CreateLedger(NoteSigner.Generate("other.example/log")));

        Assert.Contains("other.example/log", error.Message, StringComparison.Ordinal);
    }

    private static async Task AppendAsync(PostgresLedger ledger, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ledger.AppendAsync("test.checkpoint", new JsonObject { ["i"] = i });
        }
    }
}
