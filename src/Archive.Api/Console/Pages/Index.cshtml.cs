using Archive.Api.Access.Requests;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Ingest.Handover;
using Archive.Ingest.Policies;
using Archive.Ingest.Reading;
using Archive.Ingest.Sealing;
using Archive.Core.Errors;
using Archive.Integrity.Custody;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Archive.Api.Console.Pages;

/// <summary>
/// The workbench (工作台): what needs attention, each a link to act on it — parked seals (archivists), the last
/// verification runs and any loss (archivists, audit administrator), pending access requests (archivists, approvers),
/// projects past their archiving deadline (archivists, approvers). Everything comes from the services the API uses
/// (<see cref="ParkedSeals"/>, <see cref="VerificationRunStore"/>, <see cref="AccessRequestStore"/>, <see cref="HandoverReports"/>).
/// </summary>
public sealed class IndexModel(ParkedSeals parked, VerificationRunStore runs, AccessRequestStore requests, HandoverReports handover, ArchiveOverview overview, PolicyCatalog policies, IClock clock) : PageModel
{
    /// <summary>Projects and submissions by category and status, or null when the user does not handle them.</summary>
    public IReadOnlyList<CategoryCounts>? Counts { get; private set; }

    /// <summary>The Chinese title of a category (from its retention policy).</summary>
    /// <param name="category">The category slug.</param>
    public string CategoryTitle(string category) => policies.Policies.FirstOrDefault(p => p.Category == category)?.Title ?? category;

    /// <summary>Seals waiting for an archivist, or null when the user does not handle them.</summary>
    public IReadOnlyList<ParkedSeal>? Parked { get; private set; }

    /// <summary>The last verification runs (newest first), or null when the user does not see them.</summary>
    public IReadOnlyList<VerificationRun>? Runs { get; private set; }

    /// <summary>Access requests awaiting a decision, or null when the user does not handle them.</summary>
    public IReadOnlyList<AccessRequest>? PendingRequests { get; private set; }

    /// <summary>Projects past their archiving deadline with items missing (the 未归档情况报告), or null when the user does not see them.</summary>
    public IReadOnlyList<OverdueProjectReport>? Overdue { get; private set; }

    /// <summary>The refusal of the last action, if any.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>What the last action did, if it succeeded.</summary>
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.IsInRole(Roles.Archivist))
        {
            Parked = await parked.ListAsync(ct);
            Counts = await overview.ByCategoryAsync(ct);
        }

        if (User.IsInRole(Roles.Archivist) || User.IsInRole(Roles.AuditAdmin))
        {
            var now = clock.GetCurrentInstant();
            Runs = (await runs.ListAsync(now - Duration.FromDays(90), now, ct)).OrderByDescending(r => r.CreatedAt).Take(5).ToList();
        }

        if (User.IsInRole(Roles.Archivist) || User.IsInRole(Roles.Approver))
        {
            PendingRequests = (await requests.ListAsync(null, 200, ct)).Where(r => r.StoredStatus == AccessRequestStatus.Pending).ToList();
            Overdue = await handover.OverdueAsync(null, null, ct);
        }
    }

    /// <summary>Retries a parked seal (archivists; the same service as <c>POST /api/v1/seals/{id}/retry</c>, ledgered).</summary>
    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct) =>
        DecideAsync(() => parked.RetryAsync(id, User.PrincipalId(), ct), "已重新排队封存", ct);

    /// <summary>Abandons a parked seal with a reason (archivists; as <c>POST /api/v1/seals/{id}/abandon</c>, ledgered).</summary>
    public Task<IActionResult> OnPostAbandonAsync(Guid id, string? reason, CancellationToken ct) =>
        DecideAsync(() => parked.AbandonAsync(id, User.PrincipalId(), reason, ct), "已放弃封存（暂存内容保留至释放）", ct);

    private async Task<IActionResult> DecideAsync(Func<Task<long>> decide, string done, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Archivist))
        {
            return Forbid();
        }

        try
        {
            var index = await decide();
            Done = $"{done}，账本序号 {index}。";
        }
        catch (ArchiveException e)
        {
            Refusal = ConsoleRefusal.Of(e);
            Response.StatusCode = Archive.Api.Problems.ExceptionProblems.StatusOf(e.Kind);
        }

        await OnGetAsync(ct);
        return Page();
    }
}
