using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>A project's catalogue entry (档案目录条目): metadata only, never content or personal identifiers.</summary>
/// <param name="Code">The project code.</param>
/// <param name="Name">The project name, with resident identity numbers masked.</param>
/// <param name="Category">The trading category slug.</param>
/// <param name="Region">The administrative region code, if known.</param>
/// <param name="Platform">The trading platform that archives the project.</param>
/// <param name="LatestVersion">The latest sealed version, or null before the first seal.</param>
/// <param name="ReceivedAt">When the first submission was received (the date filter's field).</param>
/// <param name="FirstSealedAt">When version 1 was sealed, or null.</param>
/// <param name="LastSealedAt">When the latest version was sealed, or null.</param>
public sealed record CatalogEntry(
    string Code,
    string Name,
    string Category,
    string? Region,
    string Platform,
    int? LatestVersion,
    Instant ReceivedAt,
    Instant? FirstSealedAt,
    Instant? LastSealedAt)
{
    /// <summary>Where a full-text search matched, when the search had full text.</summary>
    public CatalogTextMatch? Match { get; init; }
}
