using System.Diagnostics;

namespace Archive.Demo;

/// <summary>
/// Short synthetic venue recordings (开评标音视频) made with ffmpeg: a 5-second test-pattern MP4 with a tone and a
/// 5-second WAV. Bit-exact flags keep the bytes identical between runs. ffmpeg comes from <c>ARCHIVE_FFMPEG</c>
/// or the PATH (<c>./archive</c> installs Debian's).
/// </summary>
internal static class DemoMedia
{
    public static Task WriteVideoAsync(string path, CancellationToken ct) => RunAsync(ct,
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000",
        "-t", "5", "-c:v", "libx264", "-threads", "1", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", path);

    public static Task WriteAudioAsync(string path, CancellationToken ct) => RunAsync(ct,
        "-f", "lavfi", "-i", "sine=frequency=523:sample_rate=16000", "-t", "5", "-c:a", "pcm_s16le",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact", path);

    /// <summary>
    /// The recordings of a recording role (issue 11 §2): one 5-second video per role, with its room, channel and declared
    /// start and end (the opening day, 09:30 China Standard Time, plus the video's 5 seconds).
    /// </summary>
    public static IReadOnlyList<(string Path, Func<string, CancellationToken, Task> Write, System.Text.Json.Nodes.JsonObject Metadata)> Recordings(
        DemoProject p, string role, string title)
    {
        var start = $"{p.Dates.Opening}T09:30:00+08:00";
        var end = $"{p.Dates.Opening}T09:30:05+08:00";
        var channel = role == "auction-screen-recording" ? "竞价系统桌面录屏" : "1号机位";
        var metadata = new System.Text.Json.Nodes.JsonObject { ["room"] = title.Replace("音视频", string.Empty, StringComparison.Ordinal).Replace("桌面录屏", string.Empty, StringComparison.Ordinal), ["channel"] = channel, ["start"] = start, ["end"] = end };
        return [($"音视频/{title}.mp4", WriteVideoAsync, metadata)];
    }

    private static async Task RunAsync(CancellationToken ct, params string[] arguments)
    {
        var ffmpeg = Environment.GetEnvironmentVariable("ARCHIVE_FFMPEG") is { Length: > 0 } configured ? configured : "ffmpeg";
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("找不到 ffmpeg：请通过 ./archive demo 运行（会安装 Debian 的 ffmpeg），或以 ARCHIVE_FFMPEG 指定。", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg 生成音视频失败（退出码 {process.ExitCode}）：{await stderr}");
            }
        }
    }
}
