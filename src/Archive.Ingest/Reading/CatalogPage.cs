namespace Archive.Ingest.Reading;

/// <summary>One page of catalogue search results.</summary>
/// <param name="Items">The entries of the page, newest receipt first, then by code.</param>
/// <param name="Total">How many entries match in all.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">The page size used.</param>
public sealed record CatalogPage(IReadOnlyList<CatalogEntry> Items, long Total, int Page, int PageSize);
