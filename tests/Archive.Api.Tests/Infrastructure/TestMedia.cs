using System.Diagnostics;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Short real recordings made with ffmpeg (Debian's), for the checks that open media with ffprobe.</summary>
public static class TestMedia
{
    /// <summary>An H.264/AAC MP4 test pattern with a tone, <paramref name="seconds"/> long, written in <paramref name="folder"/>.</summary>
    public static async Task<byte[]> VideoAsync(string folder, int seconds = 2)
    {
        var path = Path.Combine(folder, $"clip-{seconds}s-{Guid.NewGuid():N}.mp4");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=5", "-f", "lavfi", "-i",
            "sine=frequency=440:sample_rate=8000", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-threads", "1", "-pix_fmt", "yuv420p", "-c:a", "aac", path,
        })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return bytes;
    }
}
