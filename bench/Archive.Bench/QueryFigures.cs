using System.Diagnostics;
using System.Globalization;

namespace Archive.Bench;

/// <summary>
/// Inclusion proofs over HTTP at a bulk-seeded ledger size (1 and 50 clients) and catalogue look-ups at a bulk-seeded
/// catalogue (50 clients), on one host.
/// </summary>
internal static class QueryFigures
{
    private const string LatencyGoal = "p99 < {0} ms, p99 ≤ 3× p50";

    public static async Task<List<Figure>> RunAsync(BenchOptions options, BenchHost bench, CancellationToken ct)
    {
        using var admin = bench.Process.Client(bench.Settings.AdminToken, connections: 64);
        var figures = new List<Figure>();
        if (options.Runs("proofs"))
        {
            figures.AddRange(await ProofsAsync(options, bench, admin, ct));
        }
        if (options.Runs("catalogue"))
        {
            figures.Add(await CatalogueAsync(options, bench, ct));
        }
        return figures;
    }

    private static async Task<List<Figure>> ProofsAsync(BenchOptions options, BenchHost bench, HttpClient admin, CancellationToken ct)
    {
        var (host, settings) = (bench.Process, bench.Settings);
        var figures = new List<Figure>();
        Progress.Say($"inclusion proofs: seeding {options.LedgerEntries:N0} ledger entries");
        var watch = Stopwatch.StartNew();
        var size = await LedgerSeeder.SeedAsync(settings.Superuser, options.LedgerEntries, ct);
        var seeded = watch.Elapsed;
        watch.Restart();
        Progress.Say("waiting for the host to sign a checkpoint over them");
        await WaitForCheckpointAsync(admin, size, host, ct);
        var seedNote = $"{size:N0} entries: COPY {seeded.TotalSeconds:F1} s, host re-derived and signed {watch.Elapsed.TotalSeconds:F1} s";
        foreach (var clients in new[] { 1, 50 })
        {
            var result = await LatencyProbe.RunAsync(
                admin, clients, options.LatencyDuration, r => $"/api/v1/ledger/proof/inclusion?index={r.NextInt64(size)}&treeSize={size}", ct);
            // The floor under the same load: an authenticated request that reads nothing of the ledger (the principal
            // look-up, HTTP and the load generator only), so the proof's own share shows.
            var floor = await LatencyProbe.RunAsync(admin, clients, TimeSpan.FromSeconds(5), _ => "/api/v1/ledger/key", ct);
            var floorNote = $"authenticated GET /api/v1/ledger/key alone: p50 {floor.P50:F1} ms, p99 {floor.P99:F1} ms, {floor.PerSecond:F0} req/s";
            figures.Add(Latency($"inclusion proof, {clients} client{(clients > 1 ? "s" : "")}", result, 5, $"{seedNote}; {floorNote}"));
        }
        return figures;
    }

    private static async Task<Figure> CatalogueAsync(BenchOptions options, BenchHost bench, CancellationToken ct)
    {
        var (host, settings, principals) = (bench.Process, bench.Settings, bench.Principals);
        using var archivist = host.Client(principals.Archivist, connections: 64);
        Progress.Say($"catalogue look-ups: seeding {options.Projects:N0} projects");
        var watch = Stopwatch.StartNew();
        var codes = await CatalogueSeeder.SeedAsync(settings.Superuser, "基准交易平台", options.Projects, ct);
        var catalogueNote = $"{codes.Length:N0} projects: COPY {watch.Elapsed.TotalSeconds:F1} s; GET /api/v1/projects?q=<code>";
        var lookups = await LatencyProbe.RunAsync(
            archivist, 50, options.LatencyDuration, r => "/api/v1/projects?q=" + codes[r.Next(codes.Length)], ct);
        return Latency("catalogue look-up, 50 clients", lookups, 20, catalogueNote);
    }

    private static Figure Latency(string name, LatencyProbe.Result r, double boundMs, string note)
    {
        var tail = r.P99 / r.P50;
        return new Figure(
            name + " (p99)", r.P99, "ms", boundMs, "goal", tail, string.Format(CultureInfo.InvariantCulture, LatencyGoal, boundMs),
            r.P99 < boundMs && tail <= 3,
            $"ratio = p99/p50; p50 {r.P50:F1} ms, max {r.Max:F0} ms, {r.PerSecond:F0} req/s over {r.Requests:N0} requests; {note}");
    }

    private static async Task WaitForCheckpointAsync(HttpClient client, long size, HostProcess host, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(20))
        {
            var note = await client.GetStringAsync("/api/v1/ledger/checkpoint", ct);
            if (long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture) >= size)
            {
                return;
            }
            await Task.Delay(250, ct);
        }
        throw new InvalidOperationException($"no checkpoint covers the seeded ledger of {size} entries:\n{host.Tail}");
    }
}
