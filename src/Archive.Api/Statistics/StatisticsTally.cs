using Archive.Ingest.Statistics;

namespace Archive.Api.Statistics;

/// <summary>Adds up the figures of one row while the service combines the sources (ingest, access log, custody).</summary>
internal sealed class StatisticsTally
{
    public ArchivedFigures? Archived { get; set; }

    public long Reads { get; set; }

    public long Copies { get; set; }

    public long Failures { get; set; }

    public long Repaired { get; set; }

    public long Lost { get; set; }

    public long Overdue { get; set; }

    public StatisticsRow ToRow(string? key, string label, bool overdueKnown)
    {
        var a = Archived;
        var seconds = a?.RecordingSeconds ?? 0;
        return new StatisticsRow(
            key, label, a?.Projects ?? 0, a?.Versions ?? 0, a?.Items ?? 0, a?.Bytes ?? 0, a?.Recordings ?? 0, seconds,
            Math.Round(seconds / 3600m, 2, MidpointRounding.AwayFromZero), a?.RecordingsWithoutDuration ?? 0,
            Reads, Copies, Failures, Repaired, Lost, overdueKnown ? Overdue : null);
    }
}
