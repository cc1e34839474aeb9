using Archive.Api.Access.Requests;
using Archive.Api.Principals;
using Archive.Ingest.Sealing;
using Archive.Integrity.Custody;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Archive.Api.Console.Pages;

/// <summary>
/// The workbench (工作台): what needs attention, each a link to act on it — parked seals (archivists), the last
/// verification runs and any loss (archivists, audit administrator), pending access requests (archivists, approvers).
/// Everything comes from the services the API uses (<see cref="ParkedSeals"/>, <see cref="VerificationRunStore"/>,
/// <see cref="AccessRequestStore"/>).
/// </summary>
public sealed class IndexModel(ParkedSeals parked, VerificationRunStore runs, AccessRequestStore requests, IClock clock) : PageModel
{
    /// <summary>Seals waiting for an archivist, or null when the user does not handle them.</summary>
    public IReadOnlyList<ParkedSeal>? Parked { get; private set; }

    /// <summary>The last verification runs (newest first), or null when the user does not see them.</summary>
    public IReadOnlyList<VerificationRun>? Runs { get; private set; }

    /// <summary>Access requests awaiting a decision, or null when the user does not handle them.</summary>
    public IReadOnlyList<AccessRequest>? PendingRequests { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Archivist))
        {
            Parked = await parked.ListAsync(ct);
        }

        if (User.IsInRole(Roles.Archivist) || User.IsInRole(Roles.AuditAdmin))
        {
            var now = clock.GetCurrentInstant();
            Runs = (await runs.ListAsync(now - Duration.FromDays(90), now, ct)).OrderByDescending(r => r.CreatedAt).Take(5).ToList();
        }

        if (User.IsInRole(Roles.Archivist) || User.IsInRole(Roles.Approver))
        {
            PendingRequests = (await requests.ListAsync(null, 200, ct)).Where(r => r.StoredStatus == AccessRequestStatus.Pending).ToList();
        }
    }
}
