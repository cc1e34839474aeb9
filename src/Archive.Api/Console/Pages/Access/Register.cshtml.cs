using Archive.Api.Access;
using Archive.Api.Access.Log;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Access;

/// <summary>
/// The 查阅/复制登记表 (CONTRACT §7 access log) with the same filters as <c>GET /api/v1/access-log</c> — project,
/// principal, dates — read through <see cref="AccessLogStore"/>, paged by ledger index; each row links to its request's
/// printable register PDF.
/// </summary>
[Authorize(Roles = $"{Roles.Archivist},{Roles.Approver},{Roles.AuditAdmin}")]
public sealed class RegisterModel(AccessLogStore log) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>Project code filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Project { get; set; }

    /// <summary>Principal id filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Principal { get; set; }

    /// <summary>First day (yyyy-MM-dd).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>Rows after this ledger index (the next page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    /// <summary>The rows of this page.</summary>
    public IReadOnlyList<AccessLogRow> Rows { get; private set; } = [];

    /// <summary>Whether a next page may exist.</summary>
    public bool HasMore { get; private set; }

    /// <summary>A refused filter.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Shows the rows.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Guid? principal = null;
            if (!string.IsNullOrWhiteSpace(Principal))
            {
                principal = Guid.TryParse(Principal.Trim(), out var p)
                    ? p
                    : throw new AccessWorkflowException(ErrorKind.Invalid, "access-log.principal", "principal 应为主体编号（UUID）。", "principal");
            }

            var from = AccessLogApi.Bound(From, "from", endOfDay: false);
            var to = AccessLogApi.Bound(To, "to", endOfDay: true);
            var rows = await log.QueryAsync(new AccessLogQuery(
                string.IsNullOrWhiteSpace(Project) ? null : Project.Trim().Normalize(System.Text.NormalizationForm.FormC), principal, null, null, from, to, After, PageSize + 1), ct);
            HasMore = rows.Count > PageSize;
            Rows = [.. rows.Take(PageSize)];
        }
        catch (ArchiveException e)
        {
            Refusal = ConsoleRefusal.Of(e);
            Response.StatusCode = Archive.Api.Problems.ExceptionProblems.StatusOf(e.Kind);
        }
    }

    /// <summary>The link to the page after this one.</summary>
    public string NextLink() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/access/register", new Dictionary<string, string?>
    {
        ["project"] = Project,
        ["principal"] = Principal,
        ["from"] = From,
        ["to"] = To,
        ["after"] = Rows[^1].Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>The Chinese label of an access entry type.</summary>
    public static string TypeLabel(string type) => type switch
    {
        "access.requested" => "申请",
        "access.decided" => "审批",
        "access.revoked" => "撤销授权",
        "access.read" => "查阅",
        "access.copied" => "复制",
        "access.delivered" => "交付完成",
        _ => type,
    };
}
