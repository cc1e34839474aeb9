using System.Diagnostics;
using System.Text;
using Archive.Ingest.FourProperties;
using Archive.Testing;

namespace Archive.Ingest.Tests.FourProperties;

/// <summary>
/// The seal checks' real readers and scanners (Debian's qpdf, ffmpeg, clamav). EICAR is assembled from parts here so
/// the repository never holds it in one piece.
/// </summary>
public sealed class ContentCheckToolsTests : IDisposable
{
    private static readonly string Eicar = string.Concat(@"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*");

    private readonly string _folder = Directory.CreateTempSubdirectory("content-checks-").FullName;
    private readonly ContentCheckOptions _options = new() { SignatureDatabase = TestServices.ClamAvTestDatabase };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Usability_AcceptsWellFormedPdf_AndRejectsTruncatedOne()
    {
        var pdf = MinimalPdf.Bytes("whole");
        var whole = await WriteAsync("whole.pdf", pdf);
        var truncated = await WriteAsync("cut.pdf", pdf[..(pdf.Length * 2 / 3)]);

        var (ok, okRecord) = await UsabilityCheck.CheckAsync(whole, "application/pdf", _options, CancellationToken.None);
        var (bad, badRecord) = await UsabilityCheck.CheckAsync(truncated, "application/pdf", _options, CancellationToken.None);

        Assert.Null(ok);
        Assert.Equal("ok", (string?)okRecord["result"]);
        Assert.NotNull(bad);
        Assert.Equal("unreadable", (string?)badRecord["result"]);
    }

    [Fact]
    public async Task Usability_RecordsDurationAndCodec_OfRealAudio_AndRejectsRandomBytesAsVideo()
    {
        var wav = Path.Combine(_folder, "tone.wav");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "3", "-c:a", "pcm_s16le", wav);
        var noise = await WriteAsync("noise.mp4", [.. "\0\0\0\u0018ftypmp42"u8, .. new byte[4096]]);

        var (ok, record) = await UsabilityCheck.CheckAsync(wav, "audio/wav", _options, CancellationToken.None);
        var (bad, _) = await UsabilityCheck.CheckAsync(noise, "video/mp4", _options, CancellationToken.None);

        Assert.Null(ok);
        Assert.Equal("3", (string?)record["durationSeconds"]);
        Assert.Equal("pcm_s16le", (string?)record["codecs"]![0]!["codec"]);
        Assert.NotNull(bad);
    }

    [Fact]
    public async Task Usability_RejectsTruncatedImage()
    {
        var png = Path.Combine(_folder, "red.png");
        await FfmpegAsync("-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", png);
        var bytes = await File.ReadAllBytesAsync(png);
        var truncated = await WriteAsync("cut.png", bytes[..(bytes.Length / 2)]);

        Assert.Null((await UsabilityCheck.CheckAsync(png, "image/png", _options, CancellationToken.None)).Problem);
        Assert.NotNull((await UsabilityCheck.CheckAsync(truncated, "image/png", _options, CancellationToken.None)).Problem);
    }

    [Fact]
    public async Task MalwareScan_FindsEicarInsidePdf_WithClamscan()
    {
        var infected = await WriteAsync("a.pdf", MinimalPdf.Bytes("x", Eicar));
        var clean = await WriteAsync("b.pdf", MinimalPdf.Bytes("y"));

        var found = await MalwareScan.ScanAsync([infected, clean], _options, CancellationToken.None);

        Assert.Equal("Archive.Test.EICAR-1.UNOFFICIAL", Assert.Single(found, f => f.Key == infected).Value);
        Assert.DoesNotContain(clean, found.Keys);
    }

    [Fact]
    public async Task MalwareScan_UsesClamdOverItsSocket_WhenOneRuns()
    {
        var db = Directory.CreateDirectory(Path.Combine(_folder, "db")).FullName;
        File.Copy(TestServices.ClamAvTestDatabase, Path.Combine(db, "test-signatures.ndb"));
        var socket = Path.Combine(_folder, "clamd.sock");
        var config = await WriteAsync("clamd.conf", Encoding.ASCII.GetBytes(
            $"Foreground yes\nLocalSocket {socket}\nDatabaseDirectory {db}\nTemporaryDirectory {_folder}\nLogFile {_folder}/clamd.log\n"));
        using var clamd = Process.Start(new ProcessStartInfo("/usr/sbin/clamd") { ArgumentList = { "-c", config }, RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            for (var i = 0; i < 600 && !File.Exists(socket); i++)
            {
                await Task.Delay(100);
            }

            var infected = await WriteAsync("a.bin", Encoding.ASCII.GetBytes("junk " + Eicar + " junk"));
            var clean = await WriteAsync("b.bin", "nothing here"u8.ToArray());
            // No clamscan: a verdict can only come from clamd.
            var options = new ContentCheckOptions { ClamdSocket = socket, Clamscan = "/nonexistent/clamscan" };

            var found = await MalwareScan.ScanAsync([infected, clean], options, CancellationToken.None);

            Assert.Equal("Archive.Test.EICAR-1.UNOFFICIAL", Assert.Single(found).Value);
        }
        finally
        {
            clamd.Kill();
            await clamd.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task MalwareScan_ClamAvScansNoFilePastItsCeiling_SoTheLimitIsLoweredToIt()
    {
        // A sparse file one byte past 2 GiB − 1 with EICAR near its start: clamscan, even with its limits at 4000 MB,
        // answers "OK" without reading it. The limit therefore never exceeds the ceiling, and larger items are recorded
        // as partly scanned, not clean (SealTimeChecks). Should a later ClamAV scan it, this test says the ceiling can rise.
        var path = Path.Combine(_folder, "past-ceiling.bin");
        await using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(ContentCheckOptions.ClamscanCeiling + 1);
            file.Position = 1000;
            await file.WriteAsync(Encoding.ASCII.GetBytes(Eicar));
        }

        var options = new ContentCheckOptions { SignatureDatabase = TestServices.ClamAvTestDatabase, ClamscanMaxBytes = 4000L << 20 };
        Assert.Equal(ContentCheckOptions.ClamscanCeiling, options.ClamscanMaxBytes);
        Assert.Equal(int.MaxValue, new ContentCheckOptions().ClamscanMaxBytes);
        Assert.Equal(64L << 20, new ContentCheckOptions { ClamscanMaxBytes = 64L << 20 }.ClamscanMaxBytes);
        Assert.Empty(await MalwareScan.ScanAsync([path], options, CancellationToken.None));

        // The same bytes within the ceiling are found.
        var within = await WriteAsync("within.bin", [.. new byte[1000], .. Encoding.ASCII.GetBytes(Eicar)]);
        Assert.Single(await MalwareScan.ScanAsync([within], options, CancellationToken.None));
    }

    private async Task<string> WriteAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
    }
}
