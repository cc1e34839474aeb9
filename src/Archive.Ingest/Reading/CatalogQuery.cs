using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>
/// A catalogue search (档案目录检索): text, category and a range of receipt dates, one page at a time; optionally
/// parties, agency, region and the full text of sealed PDFs, in a chosen order.
/// Dates are calendar days in <c>Asia/Shanghai</c> and filter on the day the project's first submission was received.
/// </summary>
/// <param name="Text">Matches a code prefix or a substring of the name; null or empty for any.</param>
/// <param name="Category">A trading category slug, or null for any.</param>
/// <param name="From">First receipt day (inclusive), or null.</param>
/// <param name="To">Last receipt day (inclusive), or null.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Entries per page, 1 to <see cref="MaxPageSize"/>.</param>
public sealed record CatalogQuery(string? Text, string? Category, LocalDate? From, LocalDate? To, int Page, int PageSize)
{
    /// <summary>The default page size.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size served.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The longest search text accepted, in characters.</summary>
    public const int MaxTextLength = 100;

    /// <summary>Full-text queries shorter than this use no trigram index and need another criterion (see README).</summary>
    public const int IndexedFullTextLength = 3;

    /// <summary>A substring of a party's name (当事人名称), or null.</summary>
    public string? Party { get; init; }

    /// <summary>A party's 统一社会信用代码, exact and already validated, or null.</summary>
    public string? CreditCode { get; init; }

    /// <summary>A substring of the name of a party whose role is an agency (代理机构), or null.</summary>
    public string? Agency { get; init; }

    /// <summary>A region code prefix (2, 4 or 6 digits, trailing 00 pairs dropped: 53, 5301, 530102), or null.</summary>
    public string? RegionPrefix { get; init; }

    /// <summary>A phrase inside the text of a sealed PDF item (case-insensitive), or null.</summary>
    public string? FullText { get; init; }

    /// <summary>The order of the results.</summary>
    public CatalogSort Sort { get; init; } = CatalogSort.ReceivedAt;

    /// <summary>Whether the order is descending (the default order is newest receipt first).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>Whether any criterion other than the full text is given (the rule for 1- and 2-character full-text queries).</summary>
    public bool HasOtherCriterion =>
        !string.IsNullOrWhiteSpace(Text) || Category is not null || From is not null || To is not null || Party is not null
        || CreditCode is not null || Agency is not null || RegionPrefix is not null;
}
