namespace Archive.Api.Console;

/// <summary>Loads one page of a server-paged list and its <see cref="ConsolePaging"/>, whatever page number was asked for.</summary>
internal static class PagedList
{
    private const int MaxPage = 1_000_000;

    /// <summary>
    /// Calls <paramref name="load"/> (offset, limit → total, rows) for the requested page; past the end, loads the last page.
    /// </summary>
    public static async Task<(ConsolePaging Paging, IReadOnlyList<T> Rows)> LoadAsync<T>(
        int? page, int? pageSize, string path, IReadOnlyDictionary<string, string?>? query, Func<int, int, Task<(long Total, IReadOnlyList<T> Rows)>> load)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, ConsolePaging.MaxPageSize);
        var requested = Math.Clamp(page ?? 1, 1, MaxPage);
        var (total, rows) = await load((requested - 1) * size, size);
        var paging = ConsolePaging.Of(requested, size, total, path, query);
        if (paging.Page != requested)
        {
            (total, rows) = await load(paging.Offset, size);
            paging = ConsolePaging.Of(paging.Page, size, total, path, query);
        }

        return (paging, rows);
    }
}
