using NodaTime;

namespace Archive.Integrity.Manifests;

/// <summary>
/// An item's own 保管期限, recorded at seal (additive member <c>retention</c> of an item; manifests sealed before it have
/// none): the tier and the date the item's retention ends, or permanent.
/// </summary>
public sealed record ItemRetention
{
    /// <summary>The tiers: 永久, 30年, 10年.</summary>
    public static IReadOnlyList<string> Periods { get; } = ["permanent", "30y", "10y"];

    /// <summary>Creates the record.</summary>
    /// <param name="period">One of <see cref="Periods"/>.</param>
    /// <param name="until">The last day of retention, or null when permanent.</param>
    /// <exception cref="ArgumentException">An unknown period, or no date with a 10- or 30-year tier.</exception>
    public ItemRetention(string period, LocalDate? until)
    {
        Period = Periods.Contains(period) ? period : throw new ArgumentException("The period is permanent, 30y or 10y.", nameof(period));
        // A finite period longer than 30 years files in the permanent tier and keeps its date; no date means permanent.
        Until = until is not null || period == "permanent"
            ? until
            : throw new ArgumentException("An item of a 10- or 30-year tier has an end date.", nameof(until));
    }

    /// <summary>The tier: <c>permanent</c>, <c>30y</c> or <c>10y</c>.</summary>
    public string Period { get; }

    /// <summary>The last day of retention, or null when permanent.</summary>
    public LocalDate? Until { get; }
}
