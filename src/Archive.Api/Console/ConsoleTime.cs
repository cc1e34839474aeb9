using Archive.Ingest.Reporting;
using NodaTime;

namespace Archive.Api.Console;

/// <summary>Times and states as the console shows them: Beijing time, Chinese words.</summary>
public static class ConsoleTime
{
    private static readonly DateTimeZone China = BeijingTime.Zone;

    /// <summary><paramref name="instant"/> as <c>yyyy-MM-dd HH:mm</c> Beijing time, or a dash.</summary>
    /// <param name="instant">The instant.</param>
    public static string Format(Instant? instant) =>
        instant is { } i ? i.InZone(China).LocalDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>The Chinese word of a principal's status.</summary>
    /// <param name="status"><c>active</c>, <c>pending</c> or <c>revoked</c>.</param>
    public static string StatusName(string status) => status switch
    {
        "active" => "有效",
        "pending" => "待复核",
        "revoked" => "已吊销",
        _ => status,
    };
}
