using System.Text;
using Archive.Ingest.Policies.Internal;

namespace Archive.Ingest.Policies;

/// <summary>
/// The retention policies of every trading category, loaded and validated from a folder
/// (<c>retention-policies/</c>): one <c>*.yaml</c> file per category; <c>other</c> is mandatory and is the fallback.
/// </summary>
public sealed class PolicyCatalog
{
    private readonly Dictionary<string, RetentionPolicy> byCategory;

    private PolicyCatalog(Dictionary<string, RetentionPolicy> byCategory) => this.byCategory = byCategory;

    /// <summary>The loaded policies, ordered by category as in <see cref="TradingCategories.All"/>.</summary>
    public IReadOnlyList<RetentionPolicy> Policies =>
        TradingCategories.All.Where(byCategory.ContainsKey).Select(c => byCategory[c]).ToList();

    /// <summary>Loads every <c>*.yaml</c> / <c>*.yml</c> file of <paramref name="directory"/> (not recursive).</summary>
    /// <param name="directory">The policy folder.</param>
    /// <returns>The validated catalog.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="PolicyFileException">
    /// A file is broken, two files claim the same category or id, or no file covers <c>other</c>.
    /// </exception>
    public static PolicyCatalog Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Retention policy folder not found: {directory}");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        var byCategory = new Dictionary<string, RetentionPolicy>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            // Strict UTF-8: a file saved in GBK must fail loudly, not load with mangled titles.
            string text;
            try
            {
                text = File.ReadAllText(file, new UTF8Encoding(false, throwOnInvalidBytes: true));
            }
            catch (DecoderFallbackException e)
            {
                throw new PolicyFileException(file, 0, 0, "文件不是有效的 UTF-8 编码", "file is not valid UTF-8", e);
            }

            var policy = PolicyFileReader.Read(file, text);
            if (byCategory.TryGetValue(policy.Category, out var existing))
            {
                throw new PolicyFileException(file, 0, 0,
                    $"交易类别“{policy.Category}”已由 {Path.GetFileName(existing.SourceFile)} 定义",
                    $"category '{policy.Category}' is already defined by {Path.GetFileName(existing.SourceFile)}");
            }

            if (!ids.TryAdd(policy.Id, file))
            {
                throw new PolicyFileException(file, 0, 0,
                    $"策略标识“{policy.Id}”已由 {Path.GetFileName(ids[policy.Id])} 使用",
                    $"policy id '{policy.Id}' is already used by {Path.GetFileName(ids[policy.Id])}");
            }

            byCategory.Add(policy.Category, policy);
        }

        if (!byCategory.ContainsKey(TradingCategories.Other))
        {
            throw new PolicyFileException(directory, 0, 0,
                "缺少“other”（其他）类别的保存策略，它是未覆盖类别的兜底策略",
                "no policy for category 'other', the fallback for categories without their own file");
        }

        return new PolicyCatalog(byCategory);
    }

    /// <summary>
    /// The policy of <paramref name="category"/>; a known category without its own file gets the <c>other</c> policy.
    /// </summary>
    /// <param name="category">A slug of <see cref="TradingCategories"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="category"/> is not a known category.</exception>
    public RetentionPolicy Get(string category)
    {
        if (!TradingCategories.IsKnown(category))
        {
            throw new ArgumentException($"Unknown trading category '{category}'.", nameof(category));
        }

        return byCategory.TryGetValue(category, out var policy) ? policy : byCategory[TradingCategories.Other];
    }

    /// <summary>Whether <paramref name="category"/> is known; the policy <see cref="Get"/> would return.</summary>
    /// <param name="category">A candidate slug.</param>
    /// <param name="policy">The policy, when known.</param>
    public bool TryGet(string? category, out RetentionPolicy? policy)
    {
        policy = TradingCategories.IsKnown(category) ? Get(category!) : null;
        return policy is not null;
    }

    /// <summary>Whether the folder had a file of its own for <paramref name="category"/>.</summary>
    /// <param name="category">A category slug.</param>
    public bool HasOwnPolicy(string category) => byCategory.ContainsKey(category);
}
