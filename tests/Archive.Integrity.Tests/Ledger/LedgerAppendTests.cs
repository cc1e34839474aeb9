using System.Text;
using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using NodaTime;
using NodaTime.Testing;

namespace Archive.Integrity.Tests.Ledger;

public sealed class LedgerAppendTests
{
    private static readonly NoteSigner Signer = NoteSigner.Generate(LedgerTestDatabase.Origin);

    [Fact]
    public async Task AppendAsync_StoresCanonicalEntryWithTypeAndClockInstant()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer, new FakeClock(Instant.FromUtc(2024, 5, 6, 7, 8, 9) + Duration.FromMilliseconds(250)));

        var result = await ledger.AppendAsync("package.sealed", new JsonObject { ["z"] = 1, ["a"] = new JsonArray("中", 2.50) });

        const string expected = """{"a":["中",2.5],"at":"2024-05-06T07:08:09.25Z","type":"package.sealed","z":1}""";
        Assert.Equal(0, result.Index);
        Assert.False(result.AlreadyPresent);
        Assert.Equal(expected, Encoding.UTF8.GetString(result.Entry));
        Assert.Equal(result.Entry, await ledger.GetEntryAsync(0, CancellationToken.None));
        Assert.Equal(TreeHashing.RecordHash(result.Entry), result.LeafHash);
        Assert.Null(await ledger.GetEntryAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_ReturnsEarlierEntry_WhenIdempotencyKeyReused()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        var other = db.CreateLedger(Signer);

        var first = await ledger.AppendAsync("package.sealed", new JsonObject { ["v"] = 1 }, "seal:42");
        await ledger.AppendAsync("test.other", []);
        var again = await other.AppendAsync("package.sealed", new JsonObject { ["v"] = 2 }, "seal:42");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ledger.AppendAsync("package.sealed", new JsonObject { ["v"] = i }, "seal:43")));

        Assert.Equal((0L, false), (first.Index, first.AlreadyPresent));
        Assert.Equal((0L, true), (again.Index, again.AlreadyPresent));
        Assert.Equal(first.Entry, again.Entry);
        Assert.Single(concurrent.Select(r => r.Index).Distinct());
        Assert.Single(concurrent, r => !r.AlreadyPresent);
        Assert.Equal(3, await ledger.GetSizeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AppendInTransactionAsync_CommitsAndRollsBackWithCaller()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);
        await using var dataSource = db.CreateDataSource();

        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var rolledBack = await ledger.AppendInTransactionAsync(connection, transaction, "principal.created", new JsonObject { ["n"] = 1 }, "p:1", CancellationToken.None);
            Assert.Equal(0, rolledBack.Index);
            await transaction.RollbackAsync();
        }
        Assert.Equal(0, await ledger.GetSizeAsync(CancellationToken.None));

        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var kept = await ledger.AppendInTransactionAsync(connection, transaction, "principal.created", new JsonObject { ["n"] = 2 }, "p:1", CancellationToken.None);
            await transaction.CommitAsync();
            Assert.Equal((0L, false), (kept.Index, kept.AlreadyPresent));
        }
        var retried = await ledger.AppendAsync("principal.created", new JsonObject { ["n"] = 3 }, "p:1");
        Assert.Equal((0L, true), (retried.Index, retried.AlreadyPresent));
        Assert.Contains("\"n\":2", Encoding.UTF8.GetString(retried.Entry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_AcceptsExactly64KiB_AndRefusesOneByteMore()
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer, new FakeClock(LedgerTestDatabase.Start));
        var probe = await ledger.AppendAsync("test.size", new JsonObject { ["p"] = new string('x', 1000) });
        var fill = 1000 + (LedgerOptions.MaxEntryBytes - probe.Entry.Length);

        var fits = await ledger.AppendAsync("test.size", new JsonObject { ["p"] = new string('x', fill) });
        var error = await Assert.ThrowsAsync<LedgerArgumentException>(() =>
            ledger.AppendAsync("test.size", new JsonObject { ["p"] = new string('x', fill + 1) }));

        Assert.Equal(LedgerOptions.MaxEntryBytes, fits.Entry.Length);
        Assert.Contains("65536", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await ledger.GetSizeAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("at")]
    public async Task AppendAsync_Refuses_WhenFieldsHoldReservedName(string name)
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);

        var error = await Assert.ThrowsAsync<LedgerArgumentException>(() =>
            ledger.AppendAsync("test.reserved", new JsonObject { [name] = "forged" }));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ledger.GetSizeAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Package.Sealed")]
    [InlineData("1abc")]
    [InlineData("a b")]
    public async Task AppendAsync_Refuses_WhenTypeMalformed(string type)
    {
        await using var db = await LedgerTestDatabase.CreateAsync();
        var ledger = db.CreateLedger(Signer);

        await Assert.ThrowsAsync<LedgerArgumentException>(() => ledger.AppendAsync(type, []));
    }
}
