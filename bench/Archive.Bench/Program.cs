using Archive.Bench;
using Archive.Testing;

// `./archive bench [--quick] [--large] [--ingest-mib N,…] [--only GROUP,…] [--json PATH]`: every figure against the limit it is held to, measured in the
// same run on the same machine (issue 12 §1). The script starts PostgreSQL and passes --host (the built Archive.Api.dll).
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var machine = Machine.Describe(options.Work);
Progress.Say($"{(options.Quick ? "quick" : "full")} run on {string.Join(", ", machine.Select(m => $"{m.Key} {m.Value}"))}");
var figures = new List<Figure>();
try
{
    // The scrub figure is held against the digest rate, so an ingest run measures the digests too.
    Figure? sm3 = null;
    var digestRate = 0.0;
    if (options.Runs("digests") || options.Runs("ingest"))
    {
        Progress.Say("digests: SM3 against openssl, SHA-256+SM3");
        var digestFile = Path.Combine(options.Work, "digest.bin");
        await using (var file = File.Create(digestFile))
        {
            await new DeterministicStream(options.DigestBytes).CopyToAsync(file, ct);
        }
        (sm3, digestRate) = await DigestBench.RunAsync(digestFile, ct);
        File.Delete(digestFile);
    }

    if (options.Runs("appends"))
    {
        Progress.Say($"ledger appends by {LedgerAppendBench.Callers} callers");
        figures.Add(await LedgerAppendBench.RunAsync(await TestServices.CreateDatabaseAsync("bench"), options.AppendsPerCaller, ct));
    }

    var queries = options.Runs("proofs") || options.Runs("catalogue");
    if (options.Runs("ingest"))
    {
        Progress.Say($"ingest ({string.Join(", ", options.IngestSizes.Select(s => $"{s >> 20} MiB"))}), peak RSS, scrub");
        // A fresh host per size (VmHWM counts from the start); the last one also serves the scrub and the queries.
        foreach (var size in options.IngestSizes)
        {
            var last = size == options.IngestSizes[^1];
            Progress.Say($"{size >> 20} MiB: starting a host");
            await using var host = await BenchHost.StartAsync(options, $"host-{size >> 20}");
            figures.AddRange(await IngestFigures.RunAsync(options, host, size, scrub: last, digestRate, ct));
            if (last && queries)
            {
                figures.AddRange(await QueryFigures.RunAsync(options, host, ct));
            }
        }
    }
    else if (queries)
    {
        Progress.Say("starting a host for the queries");
        await using var host = await BenchHost.StartAsync(options, "host-queries");
        figures.AddRange(await QueryFigures.RunAsync(options, host, ct));
    }

    if (sm3 is not null && options.Runs("digests"))
    {
        figures.Add(sm3);
    }
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Progress.Say($"a measurement failed: {e}");
    Environment.ExitCode = 1;
}
finally
{
    Console.WriteLine();
    Console.WriteLine(Report.Table(figures));
    if (options.Json is { } json)
    {
        await Report.WriteJsonAsync(json, figures, machine);
        Progress.Say($"figures written to {json}");
    }
}

