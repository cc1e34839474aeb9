namespace Archive.Ingest.Policies;

/// <summary>The trading categories (交易类别) and their slugs.</summary>
public static class TradingCategories
{
    /// <summary>工程建设招投标.</summary>
    public const string Engineering = "engineering";

    /// <summary>政府采购.</summary>
    public const string Procurement = "procurement";

    /// <summary>土地使用权出让.</summary>
    public const string Land = "land";

    /// <summary>矿业权出让.</summary>
    public const string Mining = "mining";

    /// <summary>国有产权交易.</summary>
    public const string StateAssets = "state-assets";

    /// <summary>其他: anything not covered; also the fallback policy.</summary>
    public const string Other = "other";

    /// <summary>Every category slug.</summary>
    public static IReadOnlyList<string> All { get; } = [Engineering, Procurement, Land, Mining, StateAssets, Other];

    /// <summary>Whether <paramref name="category"/> is a known slug (exact, case-sensitive).</summary>
    /// <param name="category">A candidate slug.</param>
    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}
