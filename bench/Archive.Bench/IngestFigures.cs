using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Bench;

/// <summary>The ingest, peak-memory and scrub figures, each size on a host of its own (VmHWM counts from its start).</summary>
internal static class IngestFigures
{
    /// <summary>Ingests one recording of <paramref name="size"/> bytes on <paramref name="host"/> (fresh: VmHWM counts from its start).</summary>
    public static async Task<List<Figure>> RunAsync(
        BenchOptions options, BenchHost host, long size, bool scrub, double digestMibPerSecond, CancellationToken ct)
    {
        var figures = new List<Figure>();
        var label = size >= 1L << 30 ? $"{size >> 30} GiB" : $"{size >> 20} MiB";
        var source = Path.Combine(options.Work, "recording.mp4");
        var sha = await IngestBench.WriteSourceAsync(source, size, ct);
        Progress.Say($"{label}: two fsync'd copies");
        var limit = await IngestBench.TwoFsyncedCopiesAsync(source, options.Work, ct);
        using var ingest = host.Process.Client(host.Principals.Ingest);
        var idle = host.Process.PeakRss;
        Progress.Say($"{label}: upload and seal");
        var (code, upload, seal) = await IngestBench.IngestAsync(ingest, source, sha, ct);
        var peak = host.Process.PeakRss;
        Progress.Say($"{label}: clamscan of the recording alone (what the seal's malware check costs)");
        var scan = await ClamScanAsync(source, host.Settings.Variables["ARCHIVE_CLAMAV_DB"], ct);
        File.Delete(source);
        var total = (upload + seal).TotalSeconds;
        var ratio = total / limit.TotalSeconds;
        var quickNote = size < 1L << 30 ? $"; {label} instead of 1 GiB (--quick)" : "";
        figures.Add(new Figure(
            $"ingest {label} recording (upload + seal)", total, "s", limit.TotalSeconds, "2 fsync'd copies", ratio, "≤ 1.25×", ratio <= 1.25,
            $"upload {upload.TotalSeconds:F1} s + seal {seal.TotalSeconds:F1} s (of which clamscan alone takes {scan}){quickNote}"));
        figures.Add(new Figure(
            $"host peak RSS, {label} ingest", peak / (double)(1 << 20), "MiB", 300, "goal", peak / (300.0 * (1 << 20)), "< 300 MiB", peak < 300L << 20,
            $"VmHWM; {idle >> 20} MiB before the upload"));
        if (scrub)
        {
            Progress.Say($"{label}: scrub");
            using var archivist = host.Process.Client(host.Principals.Archivist);
            figures.Add(await ScrubAsync(archivist, host.Settings.DataDirectory, code, size, digestMibPerSecond, ct));
        }
        return figures;
    }

    // The seal's default ARCHIVE_CLAMAV_MAX_BYTES (2 GiB − 1, ClamAV's ceiling): clamscan scans the item as at the seal
    // (an item past the ceiling is not scanned at all and the seal records it as partly scanned).
    private const long ClamscanMaxBytes = int.MaxValue; // ContentCheckOptions.ClamscanCeiling (the bench does not reference Archive.Ingest)

    // The seal scans every new item with ClamAV; items above clamd's limit go to clamscan with the arguments the seal
    // gives it (MalwareScan), which this times on its own.
    private static async Task<string> ClamScanAsync(string file, string database, CancellationToken ct)
    {
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
                Environment.GetEnvironmentVariable("ARCHIVE_CLAMSCAN") ?? "clamscan",
                ["--no-summary", "--stdout", $"--max-filesize={ClamscanMaxBytes}", $"--max-scansize={ClamscanMaxBytes}", "--database=" + database, "--", file])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return $"{watch.Elapsed.TotalSeconds:F1} s";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "? (clamscan not found)";
        }
    }

    // One copy (online) of the project verified by a custody run: bytes checked over the run's own start-to-end time.
    private static async Task<Figure> ScrubAsync(
        HttpClient archivist, string data, string code, long size, double digestMibPerSecond, CancellationToken ct)
    {
        var started = await archivist.PostAsJsonAsync("/api/v1/verification/runs", new { projects = new[] { code }, copies = new[] { "online" } }, ct);
        var id = (await started.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        JsonElement run;
        while ((run = await archivist.GetFromJsonAsync<JsonElement>($"/api/v1/verification/runs/{id}", ct)).GetProperty("status").GetString() is "queued" or "running")
        {
            await Task.Delay(100, ct);
        }
        if (run.GetProperty("status").GetString() != "completed")
        {
            throw new InvalidOperationException("the verification run did not complete: " + run);
        }
        var seconds = (run.GetProperty("completedAt").GetDateTimeOffset() - run.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
        var rate = run.GetProperty("bytesChecked").GetInt64() / (double)(1 << 20) / seconds;

        // The disk half of the limit: the same object file read back plainly (page-cached like the scrub's read).
        var largest = new DirectoryInfo(Path.Combine(data, "online")).EnumerateFiles("*", SearchOption.AllDirectories).MaxBy(f => f.Length)!;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var file = new FileStream(largest.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        {
            var buffer = new byte[1 << 20];
            while (await file.ReadAsync(buffer, ct) > 0)
            {
            }
        }
        var read = largest.Length / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
        var limit = Math.Min(read, digestMibPerSecond);
        return new Figure(
            "scrub of one copy (custody run)", rate, "MiB/s", limit, read < digestMibPerSecond ? "disk read" : "SHA-256+SM3", rate / limit, "≥ 0.9×",
            rate / limit >= 0.9, $"{size >> 20} MiB object; disk read {read:F0} MiB/s, SHA-256+SM3 {digestMibPerSecond:F0} MiB/s");
    }
}
