using Archive.Ingest.Retention;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Retention;

/// <summary>JSON shapes of the lifecycle endpoints (instants ISO-8601 UTC, dates <c>yyyy-MM-dd</c>).</summary>
public static class RetentionViews
{
    /// <summary>A hold as the API shows it.</summary>
    /// <param name="hold">The hold.</param>
    public static object Hold(LegalHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return new
        {
            id = hold.Id,
            project = hold.ProjectCode,
            reason = hold.Reason,
            reference = hold.Reference,
            placedBy = hold.PlacedBy,
            placedAt = Format(hold.PlacedAt),
            ledgerIndex = hold.PlacedEntry,
            active = hold.Active,
            releasedAt = hold.ReleasedAt is { } at ? Format(at) : null,
            releasedLedgerIndex = hold.ReleasedEntry,
        };
    }

    /// <summary>A due version as the API shows it.</summary>
    /// <param name="due">The version.</param>
    public static object Due(DueVersion due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return new
        {
            project = due.ProjectCode,
            version = due.Version,
            retainUntil = LocalDatePattern.Iso.Format(due.RetainUntil),
            sealedUntil = LocalDatePattern.Iso.Format(due.SealedUntil),
            activeHolds = due.ActiveHolds,
            appraisalLedgerIndex = due.AppraisalEntry,
        };
    }

    /// <summary>A due item as the API shows it.</summary>
    /// <param name="due">The item.</param>
    public static object DueItem(DueItem due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return new
        {
            project = due.ProjectCode,
            version = due.Version,
            path = due.Path,
            role = due.Role,
            retainUntil = LocalDatePattern.Iso.Format(due.RetainUntil),
            sealedUntil = LocalDatePattern.Iso.Format(due.SealedUntil),
            held = due.ActiveHolds > 0,
            activeHolds = due.ActiveHolds,
            appraisalLedgerIndex = due.AppraisalEntry,
        };
    }

    /// <summary>A disposal as the API shows it.</summary>
    /// <param name="d">The disposal.</param>
    public static object Disposal(Disposal d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new
        {
            id = d.Id,
            status = d.Status,
            projects = d.Projects,
            items = d.Items.Select(i => new { project = i.ProjectCode, version = i.Version, path = i.Path }).ToList(),
            reason = d.Reason,
            proposedBy = d.ProposedBy,
            proposedAt = Format(d.ProposedAt),
            proposalLedgerIndex = d.ProposedEntry,
            decisions = d.Decisions.Select(x => new
            {
                approver = x.ApproverName,
                decision = x.Decision,
                comment = x.Comment,
                extendUntil = x.ExtendUntil is { } until ? LocalDatePattern.Iso.Format(until) : null,
                decidedAt = Format(x.DecidedAt),
                ledgerIndex = x.LedgerIndex,
            }).ToList(),
            decisionsRequired = Disposals.GroupSize,
            waitingReason = d.WaitingReason,
            register = d.RegisterKey is null ? null : new { key = d.RegisterKey, sha256 = d.RegisterSha256, url = $"/api/v1/disposals/{d.Id}/register.pdf" },
            completedAt = d.CompletedAt is { } done ? Format(done) : null,
        };
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
