using System.Text.Json.Nodes;
using Archive.Core.Errors;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Submissions;

/// <summary>The checked recording metadata of a venue audio/video item (录制场所、机位/通道、起止时间).</summary>
/// <param name="Room">The room.</param>
/// <param name="Channel">The camera or channel.</param>
/// <param name="Start">When recording started.</param>
/// <param name="End">When recording ended (after <paramref name="Start"/>).</param>
public sealed record RecordingMetadata(string Room, string Channel, OffsetDateTime Start, OffsetDateTime End)
{
    /// <summary>The declared length of the recording.</summary>
    public Duration Declared => End.ToInstant() - Start.ToInstant();

    /// <summary>Checks what was sent; every missing or malformed field is named at once.</summary>
    /// <param name="input">The metadata as sent.</param>
    /// <exception cref="IngestException"><c>item.recording-metadata</c> (400) naming each missing or malformed field, or
    /// <c>item.recording-times</c> (400) when the end is not after the start.</exception>
    public static RecordingMetadata Parse(RecordingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var wrong = new List<string>();
        var room = Text(input.Room, "X-Recording-Room", wrong);
        var channel = Text(input.Channel, "X-Recording-Channel", wrong);
        var start = Time(input.Start, "X-Recording-Start", wrong);
        var end = Time(input.End, "X-Recording-End", wrong);
        if (wrong.Count > 0)
        {
            throw new IngestException(ErrorKind.Invalid, "item.recording-metadata",
                $"音视频条目须带录制元数据：录制场所、机位/通道、开始与结束时间（ISO 8601，含时区偏移，如 2026-02-01T09:00:00+08:00）；缺少或格式错误：{string.Join("、", wrong)}。",
                wrong[0]);
        }

        if (end!.Value.ToInstant() <= start!.Value.ToInstant())
        {
            throw new IngestException(ErrorKind.Invalid, "item.recording-times", "录制结束时间应晚于开始时间。", "X-Recording-End");
        }

        return new RecordingMetadata(room!, channel!, start.Value, end.Value);
    }

    /// <summary>The JSON stored beside the item and written into the seal-check record.</summary>
    public JsonObject ToJson() => new()
    {
        ["room"] = Room,
        ["channel"] = Channel,
        ["start"] = OffsetDateTimePattern.ExtendedIso.Format(Start),
        ["end"] = OffsetDateTimePattern.ExtendedIso.Format(End),
    };

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <param name="json">The stored JSON text.</param>
    public static RecordingMetadata FromJson(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        return new RecordingMetadata((string)node["room"]!, (string)node["channel"]!,
            OffsetDateTimePattern.ExtendedIso.Parse((string)node["start"]!).Value, OffsetDateTimePattern.ExtendedIso.Parse((string)node["end"]!).Value);
    }

    private static string? Text(string? value, string field, List<string> wrong)
    {
        string? text;
        try
        {
            text = value is null ? null : Uri.UnescapeDataString(value).Trim();
        }
        catch (UriFormatException)
        {
            text = null;
        }

        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            wrong.Add(field);
            return null;
        }

        return text;
    }

    private static OffsetDateTime? Time(string? value, string field, List<string> wrong)
    {
        var result = value is null ? null : OffsetDateTimePattern.ExtendedIso.Parse(value.Trim());
        if (result is not { Success: true })
        {
            wrong.Add(field);
            return null;
        }

        return result.Value;
    }
}
