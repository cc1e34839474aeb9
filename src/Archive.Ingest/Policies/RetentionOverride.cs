namespace Archive.Ingest.Policies;

/// <summary>A retention rule that applies to some checklist roles instead of, or in addition to, the default.</summary>
/// <param name="Roles">The checklist role slugs it applies to.</param>
/// <param name="Rule">The rule.</param>
/// <param name="Mode">Whether it replaces the default or is a floor on top of it.</param>
public sealed record RetentionOverride(IReadOnlyList<string> Roles, RetentionRule Rule, OverrideMode Mode);
