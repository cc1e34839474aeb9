namespace Archive.Api.Statistics;

/// <summary>Reads and copies of one organisation (查阅/复制单位) in the year.</summary>
/// <param name="Organization">The organisation (null: principals without one).</param>
/// <param name="Reads">Content reads.</param>
/// <param name="Copies">Content copies.</param>
/// <param name="Projects">Distinct projects read or copied.</param>
public sealed record AgencyFigures(string? Organization, long Reads, long Copies, long Projects);
