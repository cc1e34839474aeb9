using System.Security.Claims;
using Archive.Api.Access;
using Archive.Api.Access.Log;
using Archive.Api.Ledger;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Policies;
using Archive.Ingest.Reading;
using Archive.Ingest.Retention;
using Archive.Integrity.Custody;
using Archive.Integrity.Ledger;

namespace Archive.Api.Console.Dossier;

/// <summary>
/// Gathers a <see cref="ProjectDossier"/> through the API's own services and rules: the content gate decides first
/// (a caller the summary endpoint would refuse gets the same refusal), ledger entries are filtered by
/// <see cref="LedgerEntryVisibility"/>, the bag link by the copy scope. The project's entries are its seals
/// (<c>package.sealed</c> of each version) and the newest reads and copies of it in the access log.
/// </summary>
public sealed class ProjectDossierReader(
    IContentAccess access, ProjectCatalog catalog, PolicyCatalog policies, VerificationRunStore verifications, AccessLogStore accessLog,
    ILedger ledger, LedgerEntryVisibility visibility, ArchivalCodes archivalCodes, VersionAccessStatuses accessStatuses, LegalHolds holds,
    DisposalStore disposals)
{
    /// <summary>How many access-log entries the page lists (the newest).</summary>
    public const int MaxAccessEntries = 50;

    /// <summary>The dossier, or the refusal the API would answer.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="code">The normalised project code.</param>
    /// <param name="ct">Cancels the reads.</param>
    public async Task<(ProjectDossier? Dossier, ConsoleRefusal? Refusal)> ReadAsync(ClaimsPrincipal user, string code, CancellationToken ct)
    {
        var decision = await access.AuthorizeAsync(user, code, ContentScope.Read, ct);
        if (!decision.IsAllowed)
        {
            return (null, new ConsoleRefusal(decision.ProblemCode ?? "auth.forbidden", decision.ProblemMessage ?? "无权查看该项目。"));
        }

        if (await catalog.GetSummaryAsync(code, ct) is not { } summary)
        {
            return (null, new ConsoleRefusal("project.not-found", "项目不存在。"));
        }

        var items = await catalog.FindVersionAsync(code, null, ct) is { } latest ? await catalog.ItemsAsync(latest, ct) : [];
        var entries = new List<DossierEntry>();
        foreach (var v in summary.Versions)
        {
            entries.Add(new DossierEntry(v.LedgerIndex, "package.sealed", v.SealedAt));
        }

        var reads = await accessLog.QueryAsync(new AccessLogQuery(code, null, null, null, null, null, null, MaxAccessEntries, NewestFirst: true), ct);
        entries.AddRange(reads.Select(r => new DossierEntry(r.Index, r.Type, r.At)));
        var visible = new List<DossierEntry>();
        foreach (var entry in entries.DistinctBy(e => e.Index).OrderByDescending(e => e.Index))
        {
            if (await ledger.GetEntryAsync(entry.Index, ct) is { } bytes && await visibility.MaySeeAsync(user, bytes, ct))
            {
                visible.Add(entry);
            }
        }

        var mayCopy = (await access.AuthorizeAsync(user, code, ContentScope.Copy, ct)).IsAllowed;
        // Holds name investigations: only the centre's own staff see them (as in the API's project summary).
        var staff = user.IsInRole(Principals.Roles.Archivist) || user.IsInRole(Principals.Roles.Approver);
        return (new ProjectDossier(summary, items, Checklist(summary, items), await verifications.LastVerificationAsync(code, ct), visible, mayCopy)
        {
            ArchivalCodes = await archivalCodes.OfProjectAsync(code, ct),
            AccessStatuses = await accessStatuses.OfProjectAsync(code, ct),
            Holds = staff ? await holds.ListAsync(code, ct) : [],
            OlderAccessEntries = reads.Count == MaxAccessEntries,
            DisposedItems = (await disposals.DisposedItemsAsync(code, ct)).Where(d => d.Version == summary.Project.LatestVersion)
                .ToDictionary(d => d.Path, d => d.TombstoneEntry, StringComparer.Ordinal),
        }, null);
    }

    private List<ChecklistLine> Checklist(ProjectSummary summary, IReadOnlyList<SealedItem> items)
    {
        if (!policies.TryGet(summary.Project.Category, out var policy) || policy is null)
        {
            return [];
        }

        var roles = items.Select(i => i.Role).ToHashSet(StringComparer.Ordinal);
        return policy.Checklist.Select(c => new ChecklistLine(
            c.Role, c.Title, c.Requirement, c.AllRoles.Any(roles.Contains),
            summary.MissingItems.FirstOrDefault(m => c.AllRoles.Contains(m.Role, StringComparer.Ordinal))?.Since)).ToList();
    }
}
