namespace Archive.Demo;

/// <summary>One sample trading project: its metadata and the roles it archives beyond the checklist's required ones.</summary>
internal sealed record DemoProject
{
    public required string Folder { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Category { get; init; }

    public required string Region { get; init; }

    public required string City { get; init; }

    /// <summary>The owner (招标人/采购人/出让人/转让方), first in the party list.</summary>
    public required DemoParty Owner { get; init; }

    /// <summary>Bidders (投标人/供应商/竞买人/意向受让方); the first one wins.</summary>
    public required IReadOnlyList<DemoParty> Bidders { get; init; }

    public DemoParty? Agency { get; init; }

    /// <summary>Announcement, opening, award, completion (yyyy-MM-dd).</summary>
    public required (string Announcement, string Opening, string Award, string Completion) Dates { get; init; }

    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();

    /// <summary>The winning amount in yuan.</summary>
    public required decimal Amount { get; init; }

    /// <summary>Optional roles archived as well (for realism).</summary>
    public IReadOnlyList<string> ExtraRoles { get; init; } = [];
}
