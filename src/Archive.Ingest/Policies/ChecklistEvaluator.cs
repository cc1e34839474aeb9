namespace Archive.Ingest.Policies;

/// <summary>Checks the roles of a submission's items against its category's checklist (完整性检测).</summary>
public static class ChecklistEvaluator
{
    /// <summary>
    /// Every problem at once: each required item (conditional ones whose flag is set) that no present role
    /// satisfies, then each present role the policy does not know. An empty list means complete.
    /// </summary>
    /// <param name="policy">The category's policy.</param>
    /// <param name="flags">The submission's metadata flags; a missing flag counts as false.</param>
    /// <param name="presentRoles">The roles of the items present (duplicates allowed).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<ChecklistProblem> Evaluate(
        RetentionPolicy policy, IReadOnlyDictionary<string, bool> flags, IEnumerable<string> presentRoles)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(presentRoles);

        var present = new HashSet<string>(presentRoles, StringComparer.Ordinal);
        var problems = new List<ChecklistProblem>();
        foreach (var item in policy.Checklist)
        {
            if (item.IsRequiredFor(flags) && !item.AllRoles.Any(present.Contains))
            {
                problems.Add(new ChecklistProblem(ChecklistProblem.MissingRole, item.Role, MissingMessage(item)));
            }
        }

        var known = new HashSet<string>(policy.KnownRoles, StringComparer.Ordinal);
        foreach (var role in present.Where(r => !known.Contains(r)).Order(StringComparer.Ordinal))
        {
            problems.Add(new ChecklistProblem(
                ChecklistProblem.UnknownRole,
                role,
                $"未知的归档材料类型“{role}”：{policy.Title}（{policy.Category}）的归档清单中没有此类型。"));
        }

        return problems;
    }

    private static string MissingMessage(ChecklistItem item)
    {
        var names = item.Alternatives
            .Select(a => $"{a.Title}（{a.Role}）")
            .Prepend($"{item.Title}（{item.Role}）");
        var reason = item.Requirement == Requirement.Conditional ? $"（因 {item.Condition} 为真）" : string.Empty;
        return $"缺少必须归档的材料{reason}：{string.Join("或", names)}。";
    }
}
