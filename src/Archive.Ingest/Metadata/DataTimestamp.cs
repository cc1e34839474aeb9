using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Metadata;

/// <summary>
/// The data time stamp of the trading data specification: 14 digits <c>yyyyMMddHHmmss</c> in China Standard Time
/// (UTC+08:00, a fixed offset; China has kept no daylight saving time since 1991).
/// </summary>
public static class DataTimestamp
{
    /// <summary>China Standard Time.</summary>
    public static readonly Offset ChinaStandardTime = Offset.FromHours(8);

    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss");

    /// <summary>Parses a time stamp without throwing.</summary>
    /// <param name="value">14 ASCII digits.</param>
    /// <param name="instant">The instant, when valid.</param>
    /// <param name="error">Why it was refused, or null.</param>
    public static bool TryParse(string? value, out Instant instant, out IdentifierError? error)
    {
        instant = default;
        error = null;
        if (value is null || value.Length != 14 || !value.All(char.IsAsciiDigit))
        {
            error = new("timestamp.format", "数据时间戳应为 14 位数字（yyyyMMddHHmmss，北京时间）。");
            return false;
        }

        var result = Pattern.Parse(value);
        // NodaTime reads hour 24 as the next day's midnight; the specification's HH is 00–23.
        if (!result.Success || value.AsSpan(8, 2) is "24")
        {
            error = new("timestamp.invalid", "数据时间戳不是有效的日期时间。");
            return false;
        }

        instant = result.Value.WithOffset(ChinaStandardTime).ToInstant();
        return true;
    }

    /// <summary>Parses a time stamp.</summary>
    /// <param name="value">14 ASCII digits.</param>
    /// <exception cref="InvalidIdentifierException">The value is not a valid time stamp.</exception>
    public static Instant Parse(string? value) =>
        TryParse(value, out var instant, out var error) ? instant : throw new InvalidIdentifierException(error!);

    /// <summary>Formats an instant as a 14-digit China Standard Time stamp.</summary>
    /// <param name="instant">The instant.</param>
    public static string Format(Instant instant) => Pattern.Format(instant.WithOffset(ChinaStandardTime).LocalDateTime);
}
