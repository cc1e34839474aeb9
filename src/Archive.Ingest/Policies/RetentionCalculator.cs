using NodaTime;

namespace Archive.Ingest.Policies;

/// <summary>
/// Retention dates by calendar arithmetic on Asia/Shanghai calendar dates: a period of n years ends on the same
/// month and day n years later, 29 February ending on 28 February in common years. <see langword="null"/> means
/// permanent. Expiry never deletes anything: it only opens an appraisal (鉴定).
/// </summary>
public static class RetentionCalculator
{
    /// <summary>The end of the policy's default retention when its start event happened on <paramref name="startDate"/>.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="startDate">The date of the policy's <c>startsAt</c> event.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public static LocalDate? RetainUntil(RetentionPolicy policy, LocalDate startDate)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Retention.RetainUntil(startDate);
    }

    /// <summary>
    /// The end of retention for an item of <paramref name="role"/>: the latest end among
    /// <see cref="RetentionPolicy.RulesFor"/>, each counted from its own start event; null when any is permanent.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="role">The item's role.</param>
    /// <param name="eventDates">Dates of the start events (<see cref="RetentionEvents"/> slugs).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A needed start event has no date.</exception>
    public static LocalDate? RetainUntil(
        RetentionPolicy policy, string role, IReadOnlyDictionary<string, LocalDate> eventDates)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(eventDates);

        LocalDate? latest = null;
        foreach (var rule in policy.RulesFor(role))
        {
            if (rule.Period.IsPermanent)
            {
                return null;
            }

            if (!eventDates.TryGetValue(rule.StartsAt, out var start))
            {
                throw new ArgumentException(
                    $"No date given for the retention start event '{rule.StartsAt}' of role '{role}'.",
                    nameof(eventDates));
            }

            var until = rule.Period.AddTo(start)!.Value;
            latest = latest is null || until > latest ? until : latest;
        }

        return latest;
    }
}
