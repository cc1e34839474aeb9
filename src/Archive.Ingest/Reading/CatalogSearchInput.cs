using System.Globalization;
using Archive.Core.Errors;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Reading;

/// <summary>
/// A catalogue search as a caller typed it (query string of <c>GET /api/v1/projects</c> or the console's form), turned
/// into a <see cref="CatalogQuery"/> by one set of rules with stable <c>catalog.*</c> codes.
/// </summary>
public sealed record CatalogSearchInput
{
    /// <summary>Code prefix or name substring (<c>q</c>).</summary>
    public string? Q { get; init; }

    /// <summary>Trading category slug.</summary>
    public string? Category { get; init; }

    /// <summary>First receipt day, <c>yyyy-MM-dd</c>.</summary>
    public string? From { get; init; }

    /// <summary>Last receipt day, <c>yyyy-MM-dd</c>.</summary>
    public string? To { get; init; }

    /// <summary>Page from 1.</summary>
    public string? Page { get; init; }

    /// <summary>Page size (capped at <see cref="CatalogQuery.MaxPageSize"/>).</summary>
    public string? PageSize { get; init; }

    /// <summary>Party name substring.</summary>
    public string? Party { get; init; }

    /// <summary>统一社会信用代码 of a party, exact.</summary>
    public string? CreditCode { get; init; }

    /// <summary>Agency (代理机构) name substring.</summary>
    public string? Agency { get; init; }

    /// <summary>Region code: 2, 4 or 6 digits.</summary>
    public string? Region { get; init; }

    /// <summary>Phrase in the full text of sealed PDFs.</summary>
    public string? Text { get; init; }

    /// <summary><c>receivedAt</c> (default), <c>code</c>, <c>name</c>, <c>sealedAt</c>, <c>category</c> or <c>region</c>.</summary>
    public string? Sort { get; init; }

    /// <summary><c>asc</c> or <c>desc</c>; by default descending for times, ascending otherwise.</summary>
    public string? Dir { get; init; }

    /// <summary>The query these parameters ask for.</summary>
    /// <param name="policies">The categories known.</param>
    /// <exception cref="CatalogQueryException">A parameter is malformed or invalid (<see cref="ErrorKind.Invalid"/>).</exception>
    public CatalogQuery ToQuery(PolicyCatalog policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        CheckLength(Q, "q");
        CheckLength(Party, "party");
        CheckLength(Agency, "agency");
        CheckLength(Text, "text");
        if (!string.IsNullOrEmpty(Category) && !policies.TryGet(Category, out _))
        {
            throw CatalogQueryException.Invalid("catalog.category", $"未知的交易类别“{Category}”，可用：{string.Join("、", TradingCategories.All)}。", "category");
        }

        var from = Date(From, "from");
        var to = Date(To, "to");
        if (from > to)
        {
            throw CatalogQueryException.Invalid("catalog.date-range", "起始日期不能晚于截止日期。", "from");
        }

        var (sort, descending) = SortOf();
        var query = new CatalogQuery(Q, string.IsNullOrEmpty(Category) ? null : Category, from, to, Positive(Page, 1, "page"),
            Math.Min(Positive(PageSize, CatalogQuery.DefaultPageSize, "pageSize"), CatalogQuery.MaxPageSize))
        {
            Party = Blank(Party),
            CreditCode = CreditCodeOf(),
            Agency = Blank(Agency),
            RegionPrefix = RegionPrefixOf(),
            FullText = Blank(Text),
            Sort = sort,
            Descending = descending,
        };
        if (query.FullText is { } text && text.Trim().Length < CatalogQuery.IndexedFullTextLength && !query.HasOtherCriterion)
        {
            throw CatalogQueryException.Invalid("catalog.text-too-short",
                "全文检索词少于 3 个字符时，须同时指定至少一个其他条件（编号或名称、类别、日期、当事人、信用代码、代理机构或地区）。", "text");
        }

        return query;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static void CheckLength(string? text, string field)
    {
        if (text is { Length: > CatalogQuery.MaxTextLength })
        {
            throw CatalogQueryException.Invalid("catalog.query", $"检索词最长 {CatalogQuery.MaxTextLength} 个字符。", field);
        }
    }

    private static LocalDate? Date(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw CatalogQueryException.Invalid("catalog.date", "日期应为 yyyy-MM-dd 格式。", field);
    }

    private static int Positive(string? text, int fallback, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw CatalogQueryException.Invalid("catalog.page", "page 与 pageSize 应为正整数。", field);
    }

    private string? CreditCodeOf()
    {
        if (string.IsNullOrWhiteSpace(CreditCode))
        {
            return null;
        }

        var code = CreditCode.Trim().ToUpperInvariant();
        return UnifiedSocialCreditCode.Validate(code) is { } error
            ? throw CatalogQueryException.Invalid("catalog.credit-code", $"统一社会信用代码无效：{error.Message}", "creditCode")
            : code;
    }

    /// <summary>2, 4 or 6 digits; a 6-digit code ending in 00 or 0000 means the city or province with everything under it.</summary>
    private string? RegionPrefixOf()
    {
        if (string.IsNullOrWhiteSpace(Region))
        {
            return null;
        }

        var region = Region.Trim();
        if (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit))
        {
            throw CatalogQueryException.Invalid("catalog.region", "地区应为 2、4 或 6 位行政区划代码（如 53、5301、530102）。", "region");
        }

        while (region.Length > 2 && region.EndsWith("00", StringComparison.Ordinal))
        {
            region = region[..^2];
        }

        return region;
    }

    private (CatalogSort Sort, bool Descending) SortOf()
    {
        var sort = string.IsNullOrEmpty(Sort) ? CatalogSort.ReceivedAt : Sort switch
        {
            "receivedAt" => CatalogSort.ReceivedAt,
            "code" => CatalogSort.Code,
            "name" => CatalogSort.Name,
            "sealedAt" => CatalogSort.SealedAt,
            "category" => CatalogSort.Category,
            "region" => CatalogSort.Region,
            _ => throw CatalogQueryException.Invalid("catalog.sort", "sort 应为 receivedAt、code、name、sealedAt、category 或 region。", "sort"),
        };
        var descending = string.IsNullOrEmpty(Dir) ? sort is CatalogSort.ReceivedAt or CatalogSort.SealedAt : Dir switch
        {
            "asc" => false,
            "desc" => true,
            _ => throw CatalogQueryException.Invalid("catalog.sort", "dir 应为 asc 或 desc。", "dir"),
        };
        return (sort, descending);
    }
}
