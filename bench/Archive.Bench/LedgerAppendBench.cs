using System.Diagnostics;
using System.Text.Json.Nodes;
using Archive.Integrity.Ledger;
using Archive.Integrity.Notes;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Archive.Bench;

/// <summary>
/// Ledger appends per second with 200 concurrent callers, each awaiting its own durable commit (the host's
/// <see cref="PostgresLedger"/> batches them through one writer), on a fresh database. Folded in from the former
/// xunit measurement <c>LedgerConcurrencyTests.AppendRate_IsMeasured_WithConcurrentCallers</c>.
/// </summary>
internal static class LedgerAppendBench
{
    public const int Callers = 200;

    public static async Task<Figure> RunAsync(string connectionString, int perCaller, CancellationToken ct)
    {
        await LedgerSchema.MigrateAsync(connectionString, ct);
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseNodaTime().Build();
        const string origin = "bench.archive/ledger";
        await using var ledger = new PostgresLedger(
            dataSource, SystemClock.Instance, NoteSigner.Generate(origin), new LedgerOptions { Origin = origin },
            NullLogger<PostgresLedger>.Instance);
        await ledger.AppendAsync("bench.warmup", [], ct: ct);

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            for (var k = 0; k < perCaller; k++)
            {
                await ledger.AppendAsync("access.read", new JsonObject { ["principal"] = $"p{c}", ["object"] = $"sha256:{k:x64}" }, ct: ct);
            }
        }, ct)));
        watch.Stop();

        var total = Callers * perCaller;
        if (await ledger.GetSizeAsync(ct) != total + 1 || await ledger.SignCheckpointAsync(ct) is null)
        {
            throw new InvalidOperationException("the ledger does not hold every appended entry");
        }
        var rate = total / watch.Elapsed.TotalSeconds;
        return new Figure(
            $"ledger appends, {Callers} concurrent callers", rate, "entries/s", 30_000, "goal", rate / 30_000, "≥ 1 (≥ 30,000/s)", rate >= 30_000,
            $"{total:N0} durable appends, checkpoint signed after");
    }
}
