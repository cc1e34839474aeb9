using System.Security.Claims;
using Archive.Api.Access;
using Archive.Api.Access.Requests;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Archive.Api.Console.Pages.Access;

/// <summary>
/// 查阅/复制申请: an agency files requests with their legal document and follows them (status, grant, evidence); an
/// approver works the queue of requests awaiting a decision; an archivist sees every request. Every action is a call
/// of <see cref="AccessWorkflow"/>, the service behind the API; its refusals are shown with their code.
/// </summary>
[Authorize(Roles = $"{Roles.Auditor},{Roles.Approver},{Roles.Archivist}")]
public sealed class IndexModel(AccessRequestStore store, AccessWorkflow workflow, AccessSettings settings, IClock clock) : PageModel
{
    /// <summary>The form of a new request.</summary>
    [BindProperty]
    public FilingForm Form { get; set; } = new();

    /// <summary>The caller's role.</summary>
    public string Role => User.FindFirstValue(ClaimTypes.Role) ?? string.Empty;

    /// <summary>The access limits (days, projects, document size).</summary>
    public AccessSettings Settings => settings;

    /// <summary>Now, for statuses and grants.</summary>
    public Instant Now { get; } = clock.GetCurrentInstant();

    /// <summary>The listed requests: the agency's own, the approvers' queue, or all.</summary>
    public IReadOnlyList<AccessRequest> Requests { get; private set; } = [];

    /// <summary>The list's paging.</summary>
    public ConsolePaging Paging { get; private set; } = ConsolePaging.Of(1, null, 0, "/access");

    /// <summary>The refusal of the last action, if any.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Every problem of a refused request form.</summary>
    public IReadOnlyList<ArchiveProblem> Problems { get; private set; } = [];

    /// <summary>What the last action did.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync(int? page, int? pageSize, CancellationToken ct) => await LoadAsync(page, pageSize, ct);

    /// <summary>Files a request and, when one is attached, uploads its legal document.</summary>
    public async Task<IActionResult> OnPostFileAsync(IFormFile? document, CancellationToken ct)
    {
        var caller = AccessCaller.From(User);
        AccessRequest request;
        try
        {
            request = await workflow.CreateAsync(caller, AccessRequestValidator.Parse(Form.ToJson(), settings), ct);
        }
        catch (AccessWorkflowException e)
        {
            return await RefusedAsync(e, ct);
        }

        if (document is null || document.Length == 0)
        {
            Notice = $"申请 {request.ApprovalNumber} 已登记，请上传法律文书扫描件后方可审批。";
            return RedirectToPage();
        }

        return await UploadAsync(request.Id, document, ct, $"申请 {request.ApprovalNumber} 已提交，等待审批。");
    }

    /// <summary>Uploads the legal document of a request filed without one.</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? document, CancellationToken ct)
    {
        if (document is null || document.Length == 0)
        {
            await LoadAsync(null, null, ct);
            Refusal = new ConsoleRefusal("access.document-missing", "请选择法律文书扫描件（PDF、JPEG、PNG 或 OFD）。");
            return Page();
        }

        return await UploadAsync(id, document, ct, "法律文书已上传，等待审批。");
    }

    /// <summary>Records an approver's decision (never on their own request: the workflow refuses).</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool approve, string? comment, CancellationToken ct)
    {
        try
        {
            var request = await workflow.DecideAsync(AccessCaller.From(User), id, approve, string.IsNullOrWhiteSpace(comment) ? null : comment, ct);
            Notice = $"已{(approve ? "同意" : "不同意")}申请 {request.ApprovalNumber}（{AccessRequestStatus.Label(request.StatusAt(Now))}）。";
            return RedirectToPage();
        }
        catch (AccessWorkflowException e)
        {
            return await RefusedAsync(e, ct);
        }
    }

    private async Task<IActionResult> UploadAsync(Guid id, IFormFile document, CancellationToken ct, string done)
    {
        try
        {
            await using var stream = document.OpenReadStream();
            await workflow.AttachDocumentAsync(AccessCaller.From(User), id, stream, null, ct);
            Notice = done;
            return RedirectToPage();
        }
        catch (AccessWorkflowException e)
        {
            return await RefusedAsync(e, ct);
        }
    }

    private async Task<IActionResult> RefusedAsync(ArchiveException e, CancellationToken ct)
    {
        await LoadAsync(null, null, ct);
        Refusal = ConsoleRefusal.Of(e);
        Problems = e.Problems;
        Response.StatusCode = Archive.Api.Problems.ExceptionProblems.StatusOf(e.Kind);
        return Page();
    }

    private async Task LoadAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var caller = AccessCaller.From(User);
        var organization = caller.Role == Roles.Auditor ? caller.Organization ?? string.Empty : null;
        var queue = caller.Role == Roles.Approver;
        (Paging, Requests) = await PagedList.LoadAsync(page, pageSize, "/access", null, (offset, limit) => store.PageAsync(organization, queue, offset, limit, ct));
    }
}
