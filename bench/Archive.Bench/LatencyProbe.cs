using System.Diagnostics;
using System.Net;

namespace Archive.Bench;

/// <summary>
/// A closed-loop load: <c>clients</c> callers each send one request, wait for the whole answer, and send the next, for
/// a fixed time; every request's latency is kept. The callers run in this process on the same cores as the host.
/// </summary>
internal static class LatencyProbe
{
    public sealed record Result(int Clients, int Requests, double PerSecond, double P50, double P99, double Max);

    public static async Task<Result> RunAsync(HttpClient client, int clients, TimeSpan duration, Func<Random, string> next, CancellationToken ct)
    {
        // Warm-up: connections opened and code paths jitted before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => SendAsync(client, next(new Random(c)), ct)));
        var latencies = new List<double>[clients];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            var random = new Random(1000 + c);
            while (watch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await SendAsync(client, next(random), ct);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }, ct)));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(clients, all.Length, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all[^1]);
    }

    private static async Task SendAsync(HttpClient client, string url, CancellationToken ct)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
