using Archive.Api.Principals;
using Archive.Api.Verification;
using Archive.Core.Errors;
using Archive.Ingest.Reporting;
using Archive.Integrity.Custody;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Console.Pages.Verification;

/// <summary>
/// 检测与修复: the verification runs (paged, by creation date) and a form that starts one through
/// <see cref="VerificationStarter"/>, the service behind <c>POST /api/v1/verification/runs</c>.
/// </summary>
[Authorize(Roles = $"{Roles.Archivist},{Roles.Admin}")]
public sealed class IndexModel(VerificationRunStore runs, VerificationStarter starter) : PageModel
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>First creation day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last creation day (yyyy-MM-dd), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The runs of this page.</summary>
    public IReadOnlyList<VerificationRun> Runs { get; private set; } = [];

    /// <summary>The list's paging.</summary>
    public ConsolePaging Paging { get; private set; } = ConsolePaging.Of(1, null, 0, "/verification");

    /// <summary>A refused filter or start.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Lists runs.</summary>
    public async Task OnGetAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var from = Day(From, "from");
        var to = Day(To, "to");
        if (Refusal is not null)
        {
            return;
        }

        var query = new Dictionary<string, string?> { ["from"] = From, ["to"] = To };
        (Paging, Runs) = await PagedList.LoadAsync(page, pageSize, "/verification", query,
            (offset, limit) => runs.PageAsync(from?.AtStartOfDayInZone(Shanghai).ToInstant(), to?.PlusDays(1).AtStartOfDayInZone(Shanghai).ToInstant(), offset, limit, ct));
    }

    /// <summary>Starts a run (projects and copies optional) and shows its progress.</summary>
    public async Task<IActionResult> OnPostStartAsync(string? projects, string[]? copies, CancellationToken ct)
    {
        var codes = (projects ?? string.Empty).Split([',', '，', '、', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            var id = await starter.StartAsync(codes.Length == 0 ? null : codes, copies is { Length: > 0 } ? copies : null, ct);
            return Redirect($"/verification/runs/{id}");
        }
        catch (ArchiveException e)
        {
            Refusal = ConsoleRefusal.Of(e);
            Response.StatusCode = Archive.Api.Problems.ExceptionProblems.StatusOf(e.Kind);
            await OnGetAsync(null, null, ct);
            return Page();
        }
    }

    private LocalDate? Day(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            Refusal = new ConsoleRefusal("verification.date", $"日期应为 yyyy-MM-dd 格式（{field}）。");
            return null;
        }

        return parsed.Value;
    }
}
