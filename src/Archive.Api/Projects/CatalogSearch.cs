using System.Security.Claims;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Archive.Ingest.Policies;
using Archive.Ingest.Reading;

namespace Archive.Api.Projects;

/// <summary>
/// The catalogue search (档案检索) that the API and the console both call: the parameters' rules, the rule on who may
/// search the full text, and the export's size. Auditors search metadata (as before); the text of PDFs is content, so
/// only archivists search it and see its snippets — an auditor reads content only under a grant, item by item.
/// </summary>
public sealed class CatalogSearch(ProjectCatalog catalog, PolicyCatalog policies)
{
    /// <summary>The most rows one CSV export carries; a larger result is refused (narrow the search).</summary>
    public const int MaxExportRows = 10_000;

    /// <summary>One page of results.</summary>
    /// <param name="user">The caller (archivist or auditor).</param>
    /// <param name="input">The parameters as given.</param>
    /// <param name="ct">Cancels the search.</param>
    /// <exception cref="CatalogQueryException">A parameter is invalid, or an auditor asked for full text.</exception>
    public Task<CatalogPage> SearchAsync(ClaimsPrincipal user, CatalogSearchInput input, CancellationToken ct) =>
        catalog.SearchAsync(QueryFor(user, input), ct);

    /// <summary>Every row of the search for the CSV export (archivists).</summary>
    /// <param name="user">The caller.</param>
    /// <param name="input">The parameters as given (page and page size ignored).</param>
    /// <param name="ct">Cancels the search.</param>
    /// <exception cref="CatalogQueryException">A parameter is invalid, or more than <see cref="MaxExportRows"/> rows match.</exception>
    public async Task<CatalogPage> ExportAsync(ClaimsPrincipal user, CatalogSearchInput input, CancellationToken ct)
    {
        var page = await catalog.ExportAsync(QueryFor(user, input), MaxExportRows, ct);
        return page.Total > MaxExportRows
            ? throw new CatalogQueryException(ErrorKind.Unprocessable, "catalog.export-too-large",
                $"共 {page.Total} 条结果，超过一次导出的上限 {MaxExportRows} 条，请增加检索条件后分批导出。", "q")
            : page;
    }

    /// <summary>Whether the caller may search the full text of PDFs (archivists).</summary>
    /// <param name="user">The caller.</param>
    public static bool MaySearchFullText(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Archivist);
    }

    private CatalogQuery QueryFor(ClaimsPrincipal user, CatalogSearchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var query = input.ToQuery(policies);
        if (query.FullText is not null && !MaySearchFullText(user))
        {
            throw new CatalogQueryException(ErrorKind.Forbidden, "catalog.full-text-forbidden",
                "全文检索涉及档案内容，仅限档案管理员使用；审计机构请在获准的查阅授权内查看档案。", "text");
        }

        return query;
    }
}
