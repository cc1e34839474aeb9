using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Reporting;

/// <summary>How the Chinese reports write a time: Beijing time (Asia/Shanghai) to the second, e.g. <c>2026-12-02 01:07:08</c>.</summary>
public static class BeijingTime
{
    /// <summary>The zone of every report.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly ZonedDateTimePattern Pattern = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss", null);

    /// <summary>The time in Beijing time, or a dash.</summary>
    /// <param name="instant">The time.</param>
    public static string Format(Instant? instant) => instant is { } i ? Pattern.Format(i.InZone(Zone)) : "—";

    /// <summary>An ISO 8601 instant (as the JSON reports carry it) in Beijing time; the text itself when it is not one.</summary>
    /// <param name="iso">The instant, e.g. <c>2026-12-01T17:07:08.5938Z</c>.</param>
    public static string Format(string iso) => InstantPattern.ExtendedIso.Parse(iso) is { Success: true } parsed ? Format(parsed.Value) : iso;
}
