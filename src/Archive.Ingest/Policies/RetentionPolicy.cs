namespace Archive.Ingest.Policies;

/// <summary>
/// A trading category's retention policy (保管期限表) and completeness checklist (归档清单), as loaded from one
/// file of <c>retention-policies/</c>.
/// </summary>
public sealed record RetentionPolicy
{
    /// <summary>The policy id, recorded in manifests (<c>retention.policy</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The trading category slug (see <see cref="TradingCategories"/>).</summary>
    public required string Category { get; init; }

    /// <summary>The Chinese title of the category (e.g. 工程建设招投标).</summary>
    public required string Title { get; init; }

    /// <summary>The policy's version; raised whenever its content changes.</summary>
    public required int Version { get; init; }

    /// <summary>The default rule for the whole project archive.</summary>
    public required RetentionRule Retention { get; init; }

    /// <summary>Per-role rules that replace or add to the default.</summary>
    public IReadOnlyList<RetentionOverride> Overrides { get; init; } = [];

    /// <summary>The archiving deadline (归档期限), or null when the file sets none (no overdue monitoring).</summary>
    public ArchivingDeadline? ArchivingDeadline { get; init; }

    /// <summary>The checklist, in file order.</summary>
    public required IReadOnlyList<ChecklistItem> Checklist { get; init; }

    /// <summary>The file the policy was loaded from, or an empty string when built in code.</summary>
    public string SourceFile { get; init; } = string.Empty;

    /// <summary>Every role this policy knows: checklist items and their alternatives.</summary>
    public IEnumerable<string> KnownRoles => Checklist.SelectMany(i => i.AllRoles);

    /// <summary>The checklist item a role belongs to (as its own role or as an alternative), or null.</summary>
    /// <param name="role">A role slug.</param>
    public ChecklistItem? FindItem(string role) =>
        Checklist.FirstOrDefault(i => i.AllRoles.Contains(role, StringComparer.Ordinal));

    /// <summary>
    /// The rules that govern items of <paramref name="role"/>: the replacing override or else the default, plus
    /// every <see cref="OverrideMode.Minimum"/> floor. An item is kept until the latest of them.
    /// </summary>
    /// <param name="role">A role slug.</param>
    public IReadOnlyList<RetentionRule> RulesFor(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var applicable = Overrides.Where(o => o.Roles.Contains(role, StringComparer.Ordinal)).ToList();
        var replacement = applicable.FirstOrDefault(o => o.Mode == OverrideMode.Replace);
        var rules = new List<RetentionRule> { replacement?.Rule ?? Retention };
        rules.AddRange(applicable.Where(o => o.Mode == OverrideMode.Minimum).Select(o => o.Rule));
        return rules;
    }
}
