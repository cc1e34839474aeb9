namespace Archive.Ingest.Policies;

/// <summary>One entry of a category's completeness checklist (归档清单): a record role and how it is required.</summary>
public sealed record ChecklistItem
{
    /// <summary>The stable role slug (kebab-case English), sent as <c>X-Item-Role</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The Chinese title shown to people (e.g. 招标公告).</summary>
    public required string Title { get; init; }

    /// <summary>How strongly the item is required.</summary>
    public required Requirement Requirement { get; init; }

    /// <summary>For <see cref="Requirement.Conditional"/>: the metadata flag that makes the item required.</summary>
    public string? Condition { get; init; }

    /// <summary>A metadata flag that, when true, waives the requirement (e.g. <c>terminated</c> for award documents).</summary>
    public string? ExemptWhen { get; init; }

    /// <summary>Whether several items may fill the role (every 投标文件).</summary>
    public bool Multiple { get; init; }

    /// <summary>
    /// Whether items of this role are venue audio/video recordings (音视频) that must carry recording metadata — room,
    /// camera or channel, start and end — and whose probed duration is checked against the declared times.
    /// </summary>
    public bool Recording { get; init; }

    /// <summary>Related data-set numbers of the trading data specification (e.g. 503 招标公告), possibly empty.</summary>
    public IReadOnlyList<int> DataSets { get; init; } = [];

    /// <summary>Other roles any one of which satisfies the same requirement, possibly empty.</summary>
    public IReadOnlyList<ChecklistAlternative> Alternatives { get; init; } = [];

    /// <summary>The item's own role followed by the roles of its alternatives.</summary>
    public IEnumerable<string> AllRoles => Alternatives.Select(a => a.Role).Prepend(Role);

    /// <summary>Whether the item must be present for a submission with these metadata flags.</summary>
    /// <param name="flags">The submission's metadata flags; a missing flag counts as false.</param>
    public bool IsRequiredFor(IReadOnlyDictionary<string, bool> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        if (ExemptWhen is not null && IsSet(flags, ExemptWhen))
        {
            return false;
        }

        return Requirement switch
        {
            Requirement.Required => true,
            Requirement.Conditional => Condition is not null && IsSet(flags, Condition),
            _ => false,
        };
    }

    private static bool IsSet(IReadOnlyDictionary<string, bool> flags, string name) =>
        flags.TryGetValue(name, out var value) && value;
}
