using Archive.Ingest.Policies;

namespace Archive.Api.Statistics;

/// <summary>The Chinese labels of the 统计报表's rows.</summary>
public static class StatisticsLabels
{
    /// <summary>The label of a missing attribute (a project without region, a principal without organisation).</summary>
    public const string Unspecified = "未标明";

    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        [TradingCategories.Engineering] = "工程建设招投标",
        [TradingCategories.Procurement] = "政府采购",
        [TradingCategories.Land] = "土地使用权出让",
        [TradingCategories.Mining] = "矿业权出让",
        [TradingCategories.StateAssets] = "国有产权交易",
        [TradingCategories.Other] = "其他",
    };

    /// <summary>The Chinese name of a trading category slug (the slug itself when unknown).</summary>
    /// <param name="category">The slug, or null.</param>
    public static string Category(string? category) =>
        category is null ? Unspecified : Categories.GetValueOrDefault(category, category);

    /// <summary>The sort position of a category: the order of <see cref="TradingCategories.All"/>, unknown ones last.</summary>
    /// <param name="category">The slug, or null.</param>
    public static int CategoryOrder(string? category)
    {
        var i = category is null ? -1 : TradingCategories.All.ToList().IndexOf(category);
        return i < 0 ? int.MaxValue : i;
    }
}
