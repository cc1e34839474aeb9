namespace Archive.Ingest.Statistics;

/// <summary>What was archived in a period, for one group of projects (one row of the 统计报表).</summary>
/// <param name="Dimension">The breakdown this row belongs to.</param>
/// <param name="Key">The group's value (category slug, region code or platform); null for the total, or a project without region.</param>
/// <param name="Projects">Projects with at least one version archived in the period.</param>
/// <param name="Versions">Versions archived in the period.</param>
/// <param name="Items">Items those versions received (carried-over items are counted once, in the version that brought them).</param>
/// <param name="Bytes">Their size.</param>
/// <param name="Recordings">Audio and video items among them.</param>
/// <param name="RecordingSeconds">The sum of the recordings' durations as <c>ffprobe</c> read them at seal (the seal-time record).</param>
/// <param name="RecordingsWithoutDuration">Recordings whose seal-time record holds no duration (media probing was off), not in the sum.</param>
public sealed record ArchivedFigures(
    StatisticsDimension Dimension,
    string? Key,
    long Projects,
    long Versions,
    long Items,
    long Bytes,
    long Recordings,
    decimal RecordingSeconds,
    long RecordingsWithoutDuration);
