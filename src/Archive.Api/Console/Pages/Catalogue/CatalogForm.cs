using Archive.Ingest.Reading;

namespace Archive.Api.Console.Pages.Catalogue;

/// <summary>The 档案检索 form: the same parameters as <c>GET /api/v1/projects</c>, by the same names.</summary>
public sealed class CatalogForm
{
    /// <summary>Code prefix or name.</summary>
    public string? Q { get; set; }

    /// <summary>Category slug.</summary>
    public string? Category { get; set; }

    /// <summary>Region code.</summary>
    public string? Region { get; set; }

    /// <summary>First receipt day.</summary>
    public string? From { get; set; }

    /// <summary>Last receipt day.</summary>
    public string? To { get; set; }

    /// <summary>Party name.</summary>
    public string? Party { get; set; }

    /// <summary>Credit code.</summary>
    public string? CreditCode { get; set; }

    /// <summary>Agency name.</summary>
    public string? Agency { get; set; }

    /// <summary>Full-text phrase.</summary>
    public string? Text { get; set; }

    /// <summary>Sort key.</summary>
    public string? Sort { get; set; }

    /// <summary>Direction.</summary>
    public string? Dir { get; set; }

    /// <summary>Page.</summary>
    public string? Page { get; set; }

    /// <summary>Page size.</summary>
    public string? PageSize { get; set; }

    /// <summary>The form as the query string carries it.</summary>
    /// <param name="query">The request's query.</param>
    public static CatalogForm Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Value(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        return new CatalogForm
        {
            Q = Value("q"), Category = Value("category"), Region = Value("region"), From = Value("from"), To = Value("to"),
            Party = Value("party"), CreditCode = Value("creditCode"), Agency = Value("agency"), Text = Value("text"),
            Sort = Value("sort"), Dir = Value("dir"), Page = Value("page"), PageSize = Value("pageSize"),
        };
    }

    /// <summary>The service's input.</summary>
    public CatalogSearchInput ToInput() => new()
    {
        Q = Q, Category = Category, Region = Region, From = From, To = To, Party = Party, CreditCode = CreditCode, Agency = Agency,
        Text = Text, Sort = Sort, Dir = Dir, Page = Page, PageSize = PageSize,
    };

    /// <summary>The non-empty values under their query names (for links that keep the search).</summary>
    /// <param name="withPaging">Whether to keep page and page size.</param>
    public Dictionary<string, string?> QueryValues(bool withPaging)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q, ["category"] = Category, ["region"] = Region, ["from"] = From, ["to"] = To, ["party"] = Party,
            ["creditCode"] = CreditCode, ["agency"] = Agency, ["text"] = Text, ["sort"] = Sort, ["dir"] = Dir,
        };
        if (withPaging)
        {
            values["page"] = Page;
            values["pageSize"] = PageSize;
        }

        return values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }
}
