namespace Archive.Ingest.Metadata;

/// <summary>The metadata a trading system sends when it opens a submission (CONTRACT.md §3).</summary>
public sealed record SubmissionMetadata
{
    /// <summary>The project code (项目编号), possibly a legacy free-form one.</summary>
    public string? ProjectCode { get; init; }

    /// <summary>The project name (项目名称).</summary>
    public string? ProjectName { get; init; }

    /// <summary>The trading category slug.</summary>
    public string? Category { get; init; }

    /// <summary>The 6-digit region code (行政区划代码).</summary>
    public string? Region { get; init; }

    /// <summary>The parties.</summary>
    public IReadOnlyList<SubmissionParty> Parties { get; init; } = [];

    /// <summary>Milestone dates.</summary>
    public ProjectDates Dates { get; init; } = new();

    /// <summary>Checklist flags (e.g. <c>fullyElectronic</c>, <c>prequalification</c>); missing means false.</summary>
    public IReadOnlyDictionary<string, bool> Flags { get; init; } = new Dictionary<string, bool>();
}
