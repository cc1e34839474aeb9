using Archive.Ingest.Arrangement;
using Archive.Ingest.Hosting;
using Archive.Ingest.Policies;
using Archive.Integrity.Ledger;
using Archive.Testing;

namespace Archive.Ingest.Tests.Arrangement;

/// <summary>档号 allocation (issue 11 §3): unique under concurrency, across data sources (as across hosts), stable for a version.</summary>
public sealed class ArchivalCodesTests
{
    [Fact]
    public async Task Allocate_GivesEveryVersionItsOwnCode_WhenManyHostsAllocateAtOnce()
    {
        await using var db = await TestDatabase.CreateAsync("codes", LedgerSchema.MigrateAsync, IngestSchema.MigrateAsync);
        var options = new ArchivalCodeOptions { FondsCode = "J053" };
        // Four data sources stand for four processes; 40 versions of 20 projects are filed at the same time.
        var hosts = Enumerable.Range(0, 4).Select(_ => new ArchivalCodes(db.CreateDataSource(), options)).ToList();
        var work = Enumerable.Range(0, 40).Select(i => (Project: $"P{i % 20:D3}", Version: 1 + (i / 20))).ToList();
        var codes = await Task.WhenAll(work.Select((w, i) => hosts[i % hosts.Count].AllocateAsync(w.Project, w.Version, "engineering", 2026, "D30", CancellationToken.None)));

        Assert.Equal(40, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches(@"^J053-GC-2026-D30-\d{4}$", c));
        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"J053-GC-2026-D30-{n:D4}"), codes.Order(StringComparer.Ordinal));

        // A retried seal gets the version's code again, and no number is used twice.
        Assert.Equal(codes[7], await hosts[3].AllocateAsync(work[7].Project, work[7].Version, "engineering", 2026, "D30", CancellationToken.None));
        Assert.Equal("J053-GC-2026-D30-0041", await hosts[0].AllocateAsync("P999", 1, "engineering", 2026, "D30", CancellationToken.None));
        Assert.Equal("J053-TD-2026-Y-0001", await hosts[1].AllocateAsync("P998", 1, "land", 2026, "Y", CancellationToken.None));
    }

    [Fact]
    public void Tier_IsTheLongestRuleRoundedUpToATier()
    {
        var catalog = PolicyCatalog.Load(Policies.PolicyFolder.Committed());
        var other = catalog.Get("other");
        Assert.Equal("D30", ArchivalCodes.Tier(other, ["project-record"]));
        Assert.Equal("Y", ArchivalCodes.Tier(catalog.Get("land"), []));
    }
}
