using Archive.Api.Principals;
using Archive.Integrity.Custody;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Verification;

/// <summary>One verification run: progress while it works (the page reloads itself), then failures, repairs, losses,
/// its ledger entry and the 四性检测报告 PDF.</summary>
[Authorize(Roles = $"{Roles.Archivist},{Roles.Admin}")]
public sealed class RunModel(VerificationRunStore runs) : PageModel
{
    /// <summary>The run.</summary>
    public VerificationRun Run { get; private set; } = null!;

    /// <summary>Whether the run is still queued or running.</summary>
    public bool InProgress => Run.Status is VerificationRunStatus.Queued or VerificationRunStatus.Running;

    /// <summary>Shows the run, or 404.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await runs.GetAsync(id, ct) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        return Page();
    }

    /// <summary>The Chinese label of a run status.</summary>
    public static string StatusLabel(string status) => status switch
    {
        VerificationRunStatus.Queued => "排队中",
        VerificationRunStatus.Running => "校验中",
        VerificationRunStatus.Completed => "已完成",
        VerificationRunStatus.Failed => "未完成（出错）",
        _ => status,
    };
}
