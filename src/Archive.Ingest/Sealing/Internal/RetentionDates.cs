using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using Archive.Ingest.Reporting;
using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// The end of retention of one version: the latest end over its items' rules (permanent when any is), each counted
/// from its start event's date in the metadata. A start event the metadata has no date for (a project not yet
/// completed) counts from the seal date, so a later supplement with the real date can only lengthen retention.
/// </summary>
internal static class RetentionDates
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    public static LocalDate SealDate(Instant sealedAt) => sealedAt.InZone(Shanghai).Date;

    public static LocalDate? Until(RetentionPolicy policy, IEnumerable<string> roles, ProjectDates dates, Instant sealedAt)
    {
        var sealDate = SealDate(sealedAt);
        var events = Events(dates, sealDate);

        // The project as a whole keeps at least the default rule, whatever its items are.
        LocalDate? latest = RetentionCalculator.RetainUntil(policy, policy.Retention.StartsAt is var start && events.TryGetValue(start, out var d) ? d : sealDate);
        if (latest is null)
        {
            return null;
        }

        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            var until = RetentionCalculator.RetainUntil(policy, role, events);
            if (until is null)
            {
                return null;
            }

            latest = until > latest ? until : latest;
        }

        return latest;
    }

    /// <summary>An item's own retention (保管期限): its rules' latest end, and the tier that end's longest rule falls in.</summary>
    public static ItemRetention ItemRetention(RetentionPolicy policy, string role, ProjectDates dates, Instant sealedAt)
    {
        var rules = policy.RulesFor(role);
        var until = RetentionCalculator.RetainUntil(policy, role, Events(dates, SealDate(sealedAt)));
        if (until is null)
        {
            return new ItemRetention("permanent", null);
        }

        var years = rules.Max(r => r.Period.Years!.Value);
        return new ItemRetention(years <= 10 ? "10y" : years <= 30 ? "30y" : "permanent", until);
    }

    private static Dictionary<string, LocalDate> Events(ProjectDates dates, LocalDate sealDate)
    {
        var completion = dates.Completion ?? dates.Award ?? sealDate;
        return new Dictionary<string, LocalDate>(StringComparer.Ordinal)
        {
            [RetentionEvents.ProjectCompletion] = completion,
            [RetentionEvents.ProcurementEnd] = completion,
            [RetentionEvents.TransactionEnd] = completion,
            [RetentionEvents.Publication] = dates.Announcement ?? sealDate,
        };
    }

    /// <summary>The instant an object lock should hold to: the day after <paramref name="until"/> begins in Asia/Shanghai.</summary>
    public static Instant LockUntil(LocalDate until) => until.PlusDays(1).AtStartOfDayInZone(Shanghai).ToInstant();
}
