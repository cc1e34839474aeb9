using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>
/// A catalogue search (档案目录检索): text, category and a range of receipt dates, one page at a time.
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
}
