using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Archive.Ingest.FourProperties;

/// <summary>
/// 可用性 usability: each item is opened with a real reader for its type — PDF with <c>qpdf --check</c>, audio and video
/// with <c>ffprobe</c> (container, codecs and duration are recorded), images decoded in full by <c>ffmpeg</c>, JSON parsed.
/// </summary>
internal static class UsabilityCheck
{
    /// <summary>Checks one item's bytes (in <paramref name="file"/>); returns a problem message (Chinese) or null, and what was found.</summary>
    public static async Task<(string? Problem, JsonObject Record)> CheckAsync(
        string file, string mediaType, ContentCheckOptions options, CancellationToken ct)
    {
        if (mediaType == "application/pdf")
        {
            return await PdfAsync(file, options, ct);
        }

        if (mediaType.StartsWith("video/", StringComparison.Ordinal) || mediaType.StartsWith("audio/", StringComparison.Ordinal))
        {
            return options.ProbeMedia ? await MediaAsync(file, options, ct) : (null, NotChecked("ffprobe", "disabled"));
        }

        if (mediaType.StartsWith("image/", StringComparison.Ordinal))
        {
            return options.ProbeMedia ? await ImageAsync(file, options, ct) : (null, NotChecked("ffmpeg", "disabled"));
        }

        if (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            return await JsonAsync(file, ct);
        }

        return (null, NotChecked(null, "no reader for this type"));
    }

    private static async Task<(string?, JsonObject)> PdfAsync(string file, ContentCheckOptions options, CancellationToken ct)
    {
        var (exit, _, _) = await ExternalTool.RunAsync(options.Qpdf, ["--check", file], options.ToolTimeout, ct);
        // qpdf: 0 clean, 3 opened with warnings (recorded, e.g. a repaired cross-reference table), 2 cannot be read.
        var result = exit switch { 0 => "ok", 3 => "warnings", _ => "unreadable" };
        var record = new JsonObject { ["reader"] = "qpdf --check", ["result"] = result };
        return (result == "unreadable" ? "PDF 文件损坏或不完整，qpdf 无法打开（qpdf --check 报错）。" : null, record);
    }

    private static async Task<(string?, JsonObject)> MediaAsync(string file, ContentCheckOptions options, CancellationToken ct)
    {
        var (exit, output, _) = await ExternalTool.RunAsync(options.Ffprobe,
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], options.ToolTimeout, ct);
        var record = new JsonObject { ["reader"] = "ffprobe" };
        JsonNode? probe = null;
        try
        {
            probe = exit == 0 ? JsonNode.Parse(output) : null;
        }
        catch (JsonException)
        {
            probe = null;
        }

        var streams = probe?["streams"]?.AsArray() ?? [];
        var durationText = (string?)probe?["format"]?["duration"];
        if (streams.Count == 0 || !double.TryParse(durationText, NumberStyles.Float, CultureInfo.InvariantCulture, out var duration) || duration <= 0)
        {
            record["result"] = "unreadable";
            return ("音视频文件无法打开：ffprobe 读不出容器、编码或时长（文件可能被截断或损坏）。", record);
        }

        var codecs = new JsonArray();
        foreach (var stream in streams)
        {
            if (stream?["codec_name"]?.GetValue<string>() is { } codec)
            {
                codecs.Add(new JsonObject { ["type"] = (string?)stream["codec_type"], ["codec"] = codec });
            }
        }

        record["result"] = "ok";
        record["container"] = (string?)probe!["format"]?["format_name"];
        record["durationSeconds"] = Math.Round(duration, 3).ToString("0.###", CultureInfo.InvariantCulture);
        record["codecs"] = codecs;
        return (null, record);
    }

    private static async Task<(string?, JsonObject)> ImageAsync(string file, ContentCheckOptions options, CancellationToken ct)
    {
        var (exit, _, error) = await ExternalTool.RunAsync(options.Ffmpeg,
            ["-hide_banner", "-nostdin", "-v", "error", "-i", file, "-f", "null", "-"], options.ToolTimeout, ct);
        var ok = exit == 0 && string.IsNullOrWhiteSpace(error);
        var record = new JsonObject { ["reader"] = "ffmpeg decode", ["result"] = ok ? "ok" : "unreadable" };
        return (ok ? null : "图像无法完整解码（文件可能被截断或损坏）。", record);
    }

    private static async Task<(string?, JsonObject)> JsonAsync(string file, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            using var _ = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return (null, new JsonObject { ["reader"] = "System.Text.Json", ["result"] = "ok" });
        }
        catch (JsonException)
        {
            return ("JSON 记录无法解析（不是有效的 UTF-8 JSON）。", new JsonObject { ["reader"] = "System.Text.Json", ["result"] = "unreadable" });
        }
    }

    private static JsonObject NotChecked(string? reader, string reason) =>
        new() { ["reader"] = reader, ["result"] = "not-checked", ["reason"] = reason };
}
