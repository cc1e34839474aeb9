namespace Archive.Ingest.Reading;

/// <summary>Everything the archive tells about one project without releasing content (项目档案概况).</summary>
/// <param name="Project">The catalogue entry.</param>
/// <param name="Versions">Its sealed versions, oldest first.</param>
/// <param name="Submission">The unfinished submission, if any.</param>
/// <param name="MissingItems">Required items still not handed over, oldest first.</param>
public sealed record ProjectSummary(
    CatalogEntry Project, IReadOnlyList<VersionSummary> Versions, OpenSubmissionState? Submission, IReadOnlyList<OutstandingItem> MissingItems)
{
    /// <summary>The project's parties, in submitted order.</summary>
    public IReadOnlyList<ProjectParty> Parties { get; init; } = [];
}
