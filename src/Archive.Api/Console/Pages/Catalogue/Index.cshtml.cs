using Archive.Api.Principals;
using Archive.Api.Projects;
using Archive.Ingest.Policies;
using Archive.Ingest.Reading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages.Catalogue;

/// <summary>
/// 档案检索: the catalogue search form and its server-paged, sortable results, through the same
/// <see cref="CatalogSearch"/> as <c>GET /api/v1/projects</c> (same parameters, rules and refusals).
/// </summary>
[Authorize]
public sealed class IndexModel(CatalogSearch search, PolicyCatalog policies) : PageModel
{
    /// <summary>The roles the API lets search the catalogue.</summary>
    public static readonly string[] SearchRoles = [Roles.Archivist, Roles.Auditor];

    /// <summary>The criteria as typed (from the query string, under the API's parameter names).</summary>
    public CatalogForm Form { get; private set; } = new();

    /// <summary>The results, when a search ran.</summary>
    public CatalogPage? Results { get; private set; }

    /// <summary>The paging of the results.</summary>
    public ConsolePaging? Paging { get; private set; }

    /// <summary>Why the search was refused, if it was.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>The trading categories for the select.</summary>
    public IReadOnlyList<string> Categories => [.. policies.Policies.Select(p => p.Category)];

    /// <summary>Whether the caller may search full text and export CSV (archivists).</summary>
    public bool IsArchivist => CatalogSearch.MaySearchFullText(User);

    /// <summary>Runs the search the query string asks for (every criterion empty: all projects, newest first).</summary>
    /// <param name="ct">Cancels the search.</param>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form = CatalogForm.Parse(Request.Query);
        if (!SearchRoles.Any(User.IsInRole))
        {
            Refusal = new ConsoleRefusal("auth.forbidden", "当前角色无权检索档案目录。");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        try
        {
            Results = await search.SearchAsync(User, Form.ToInput(), ct);
            Paging = new ConsolePaging(Results.Page, Results.PageSize, Results.Total, "/catalogue", Form.QueryValues(withPaging: false));
        }
        catch (CatalogQueryException e)
        {
            Refusal = ConsoleRefusal.Of(e);
            Response.StatusCode = Archive.Api.Problems.ExceptionProblems.StatusOf(e.Kind);
        }

        return Page();
    }

    /// <summary>The link that sorts by <paramref name="sort"/> (toggling the direction when already sorted by it).</summary>
    /// <param name="sort">The sort key.</param>
    public string SortLink(string sort)
    {
        var values = Form.QueryValues(withPaging: false);
        var current = string.IsNullOrEmpty(Form.Sort) ? "receivedAt" : Form.Sort;
        var descending = current == sort
            ? !(Form.Dir == "desc" || (string.IsNullOrEmpty(Form.Dir) && sort is "receivedAt" or "sealedAt"))
            : sort is "receivedAt" or "sealedAt";
        values["sort"] = sort;
        values["dir"] = descending ? "desc" : "asc";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/catalogue", values);
    }

    /// <summary>The <c>aria-sort</c> of a column.</summary>
    /// <param name="sort">The column's sort key.</param>
    public string? AriaSort(string sort)
    {
        var current = string.IsNullOrEmpty(Form.Sort) ? "receivedAt" : Form.Sort;
        if (current != sort)
        {
            return null;
        }

        return Form.Dir == "desc" || (string.IsNullOrEmpty(Form.Dir) && sort is "receivedAt" or "sealedAt") ? "descending" : "ascending";
    }

    /// <summary>The CSV export of the same search.</summary>
    public string CsvLink => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/api/v1/projects.csv", Form.QueryValues(withPaging: false));
}
