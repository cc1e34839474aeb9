using System.Globalization;
using NodaTime;

namespace Archive.Ingest.Policies;

/// <summary>A retention period (保管期限): a whole number of years, or permanent (永久).</summary>
public readonly record struct RetentionPeriod
{
    private readonly int years;

    private RetentionPeriod(int years) => this.years = years;

    /// <summary>Keep forever (永久).</summary>
    public static RetentionPeriod Permanent => default;

    /// <summary>Whether the period is permanent.</summary>
    public bool IsPermanent => years == 0;

    /// <summary>The number of years, or <see langword="null"/> when permanent.</summary>
    public int? Years => IsPermanent ? null : years;

    /// <summary>A period of <paramref name="years"/> calendar years.</summary>
    /// <param name="years">Between 1 and 1000.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is outside 1–1000.</exception>
    public static RetentionPeriod FromYears(int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(years, 1000);
        return new RetentionPeriod(years);
    }

    /// <summary>
    /// The last calendar day of retention for a period starting on <paramref name="start"/>, or
    /// <see langword="null"/> when permanent. Calendar arithmetic: 29 February plus one year is 28 February.
    /// </summary>
    /// <param name="start">The start event's date (Asia/Shanghai calendar date).</param>
    public LocalDate? AddTo(LocalDate start) => IsPermanent ? null : start.PlusYears(years);

    /// <summary><c>permanent</c> or the number of years, as written in policy files.</summary>
    public override string ToString() =>
        IsPermanent ? "permanent" : years.ToString(CultureInfo.InvariantCulture);
}
