namespace Archive.Ingest.Reading;

/// <summary>One row of the workbench's overview: a trading category's projects and submissions by status.</summary>
/// <param name="Category">The category slug.</param>
/// <param name="Projects">Projects known in the category (submitted at least once).</param>
/// <param name="Archived">Projects with at least one sealed version.</param>
/// <param name="Open">Submissions open (being filled by the trading system).</param>
/// <param name="Sealing">Submissions being sealed.</param>
/// <param name="Rejected">Submissions rejected (abandoned or refused; staging awaits a decision).</param>
public sealed record CategoryCounts(string Category, long Projects, long Archived, long Open, long Sealing, long Rejected);
