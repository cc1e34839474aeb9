using Microsoft.AspNetCore.WebUtilities;

namespace Archive.Api.Console;

/// <summary>
/// One page of a server-paged list (分页) as the <c>_Pager</c> partial shows it: links keep every other query value.
/// </summary>
/// <param name="Page">The current page, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Total">Rows in the whole list.</param>
/// <param name="Path">The page's path.</param>
/// <param name="Query">The other query values to keep in the links.</param>
public sealed record ConsolePaging(int Page, int PageSize, long Total, string Path, IReadOnlyDictionary<string, string?> Query)
{
    /// <summary>The largest page size a list accepts.</summary>
    public const int MaxPageSize = 200;

    /// <summary>How many pages there are (at least 1).</summary>
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Rows to skip for the current page.</summary>
    public int Offset => (Page - 1) * PageSize;

    /// <summary>A paging with <paramref name="page"/> and <paramref name="pageSize"/> clamped to sensible values.</summary>
    /// <param name="page">Requested page (from the query).</param>
    /// <param name="pageSize">Requested size (from the query), or null for 50.</param>
    /// <param name="total">Rows in the whole list.</param>
    /// <param name="path">The page's path.</param>
    /// <param name="query">The other query values to keep.</param>
    public static ConsolePaging Of(int? page, int? pageSize, long total, string path, IReadOnlyDictionary<string, string?>? query = null)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, MaxPageSize);
        var count = (int)Math.Max(1, (total + size - 1) / size);
        return new ConsolePaging(Math.Clamp(page ?? 1, 1, count), size, total, path, query ?? new Dictionary<string, string?>());
    }

    /// <summary>The link to page <paramref name="page"/>.</summary>
    /// <param name="page">The target page.</param>
    public string LinkTo(int page)
    {
        var values = new Dictionary<string, string?>(Query, StringComparer.Ordinal)
        {
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(Path, values);
    }
}
