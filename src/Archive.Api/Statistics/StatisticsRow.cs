namespace Archive.Api.Statistics;

/// <summary>One row of the 统计报表: the figures of one category, region or platform (or of the whole archive).</summary>
/// <param name="Key">Category slug, region code or platform name; null for the total, or for projects without that attribute.</param>
/// <param name="Label">The row's Chinese label.</param>
/// <param name="Projects">Projects with a version archived in the year.</param>
/// <param name="Versions">Versions archived in the year.</param>
/// <param name="Items">Items those versions brought.</param>
/// <param name="Bytes">Their size in bytes.</param>
/// <param name="Recordings">Audio/video items among them.</param>
/// <param name="RecordingSeconds">Sum of the recordings' durations (ffprobe at seal), seconds.</param>
/// <param name="RecordingHours"><paramref name="RecordingSeconds"/> in hours, rounded to two decimals.</param>
/// <param name="RecordingsWithoutDuration">Recordings sealed without a probed duration (not in the sum).</param>
/// <param name="Reads">Content reads (<c>access.read</c>) in the year.</param>
/// <param name="Copies">Content copies (<c>access.copied</c>) in the year.</param>
/// <param name="VerificationFailures">Objects that failed a verification run of the year.</param>
/// <param name="Repaired">Of those, repaired.</param>
/// <param name="Lost">Of those, lost in both copies.</param>
/// <param name="Overdue">Projects past their archiving deadline; null until the handover monitoring provides it.</param>
public sealed record StatisticsRow(
    string? Key,
    string Label,
    long Projects,
    long Versions,
    long Items,
    long Bytes,
    long Recordings,
    decimal RecordingSeconds,
    decimal RecordingHours,
    long RecordingsWithoutDuration,
    long Reads,
    long Copies,
    long VerificationFailures,
    long Repaired,
    long Lost,
    long? Overdue);
