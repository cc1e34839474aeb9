using NodaTime;

namespace Archive.Ingest.Policies;

/// <summary>One retention rule: how long, counted from which event, and on what basis (依据).</summary>
/// <param name="Period">How long the material is kept.</param>
/// <param name="StartsAt">The event the period counts from, a <see cref="RetentionEvents"/> slug.</param>
/// <param name="Basis">The legal or normative basis, in Chinese.</param>
/// <param name="Status">How firmly the basis is established.</param>
public sealed record RetentionRule(RetentionPeriod Period, string StartsAt, string Basis, BasisStatus Status)
{
    /// <summary>The last day of retention when the start event happened on <paramref name="startDate"/>;
    /// <see langword="null"/> when permanent.</summary>
    /// <param name="startDate">The date of <see cref="StartsAt"/> (Asia/Shanghai calendar date).</param>
    public LocalDate? RetainUntil(LocalDate startDate) => Period.AddTo(startDate);
}
