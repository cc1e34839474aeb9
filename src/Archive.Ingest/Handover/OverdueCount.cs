namespace Archive.Ingest.Handover;

/// <summary>How many projects became overdue (archiving deadline in the year, items missing) in one category, region and platform.</summary>
/// <param name="Category">The trading category slug.</param>
/// <param name="Region">The region code, or null when unknown.</param>
/// <param name="Platform">The trading platform.</param>
/// <param name="Projects">Distinct projects with a <c>submission.overdue</c> for a deadline in the year.</param>
public sealed record OverdueCount(string Category, string? Region, string Platform, int Projects);
