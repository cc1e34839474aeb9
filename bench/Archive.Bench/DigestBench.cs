using System.Diagnostics;
using Archive.Storage.Digests;

namespace Archive.Bench;

/// <summary>
/// SM3 as the archive computes it (<see cref="Sm3"/>, what <see cref="MultiDigest"/> runs: libcrypto's <c>EVP_sm3</c>
/// where available, else the managed fallback) against
/// <c>openssl dgst -sm3</c> on the same file; and SHA-256+SM3 as custody verification computes them (one pass, SM3 on a
/// second core), the hashing half of the scrub's limit.
/// </summary>
internal static class DigestBench
{
    public static async Task<(Figure Sm3, double DigestMibPerSecond)> RunAsync(string file, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        var mib = bytes.Length / (double)(1 << 20);

        var output = new byte[Sm3.HashSizeInBytes];
        // One untimed pass first: the first walk over freshly read memory ran at about half speed for every
        // implementation on this machine (OpenSSL's too), which says nothing about the hash.
        Sm3.HashData(bytes, output);
        var watch = Stopwatch.StartNew();
        Sm3.HashData(bytes, output);
        var sm3Rate = mib / watch.Elapsed.TotalSeconds;
        var ours = Convert.ToHexStringLower(output);

        watch.Restart();
        using (var digest = new MultiDigest(parallel: true))
        {
            for (var offset = 0; offset < bytes.Length; offset += 1 << 20)
            {
                await digest.AppendAsync(bytes.AsMemory(offset, Math.Min(1 << 20, bytes.Length - offset)), ct);
            }
            var both = await digest.CompleteAsync(ct);
            if (both.Sm3Hex != ours)
            {
                throw new InvalidOperationException("MultiDigest and Sm3 disagree on the same bytes");
            }
        }
        var digestRate = mib / watch.Elapsed.TotalSeconds;

        var (openSsl, openSslHex, why) = await OpenSslAsync(file, mib, ct);
        if (openSslHex is not null && openSslHex != ours)
        {
            throw new InvalidOperationException($"openssl dgst -sm3 printed {openSslHex}, the archive computed {ours}");
        }
        var size = $"{mib:F0} MiB in memory; digests equal";
        var label = Sm3.UsesLibCrypto ? "SM3 (libcrypto EVP_sm3, as the archive runs it)" : "SM3 (managed fallback, as the archive runs it)";
        var figure = openSsl is { } limit
            ? new Figure(label, sm3Rate, "MiB/s", limit, "openssl dgst -sm3", sm3Rate / limit, "≥ 0.8×", sm3Rate / limit >= 0.8, size)
            : new Figure(label, sm3Rate, "MiB/s", null, "openssl sm3 unavailable: " + why, null, "≥ 0.8×", null, size);
        return (figure, digestRate);
    }

    // openssl reads the file (page-cached: it was just read); its start-up is timed too, which on 256 MiB is noise.
    private static async Task<(double? MibPerSecond, string? Hex, string Why)> OpenSslAsync(string file, double mib, CancellationToken ct)
    {
        try
        {
            var start = new ProcessStartInfo("openssl", ["dgst", "-sm3", "-r", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync(ct);
            var stderr = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var seconds = watch.Elapsed.TotalSeconds;
            return process.ExitCode == 0
                ? (mib / seconds, stdout.Split(' ')[0].Trim(), "")
                : (null, null, stderr.Trim().Split('\n')[0]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, null, e.Message);
        }
    }
}
