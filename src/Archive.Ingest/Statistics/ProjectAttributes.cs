namespace Archive.Ingest.Statistics;

/// <summary>The catalogue attributes statistics are broken down by.</summary>
/// <param name="Code">The project code.</param>
/// <param name="Category">The trading category slug.</param>
/// <param name="Region">The region code, if known.</param>
/// <param name="Platform">The trading platform.</param>
public sealed record ProjectAttributes(string Code, string Category, string? Region, string Platform);
