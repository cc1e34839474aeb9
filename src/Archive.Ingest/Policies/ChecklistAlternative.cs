namespace Archive.Ingest.Policies;

/// <summary>Another role that satisfies a checklist requirement (e.g. 投标邀请书 instead of 招标公告).</summary>
/// <param name="Role">The role slug (kebab-case English).</param>
/// <param name="Title">The Chinese title.</param>
/// <param name="DataSets">Related data-set numbers of the trading data specification, possibly empty.</param>
public sealed record ChecklistAlternative(string Role, string Title, IReadOnlyList<int> DataSets);
