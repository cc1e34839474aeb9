namespace Archive.Ingest.Submissions;

/// <summary>
/// The recording metadata of a venue audio/video item as sent (headers <c>X-Recording-Room</c>, <c>X-Recording-Channel</c>,
/// <c>X-Recording-Start</c>, <c>X-Recording-End</c>, or the <c>recording</c> object of an import's item), unchecked.
/// Room and channel may be percent-encoded UTF-8 (HTTP headers carry ASCII only).
/// </summary>
/// <param name="Room">The room (开标厅、评标区、述标谈判室、监督见证区、专家抽取室…).</param>
/// <param name="Channel">The camera or channel (机位/通道).</param>
/// <param name="Start">Start time, ISO 8601 with offset.</param>
/// <param name="End">End time, ISO 8601 with offset.</param>
public sealed record RecordingInput(string? Room, string? Channel, string? Start, string? End)
{
    /// <summary>Whether nothing was sent.</summary>
    public bool IsEmpty => Room is null && Channel is null && Start is null && End is null;
}
