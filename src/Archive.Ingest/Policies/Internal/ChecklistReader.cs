using YamlDotNet.RepresentationModel;

namespace Archive.Ingest.Policies.Internal;

/// <summary>Reads the <c>checklist</c> list of a policy file.</summary>
internal static class ChecklistReader
{
    private static readonly Dictionary<string, Requirement> Requirements = new(StringComparer.Ordinal)
    {
        ["required"] = Requirement.Required,
        ["conditional"] = Requirement.Conditional,
        ["optional"] = Requirement.Optional,
    };

    public static IReadOnlyList<ChecklistItem> Read(PolicyErrors errors, IReadOnlyList<YamlNode> nodes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<ChecklistItem>();
        foreach (var node in nodes)
        {
            var map = new YamlMap(errors, node, "checklist 条目");
            var item = ReadItem(map, seen);
            map.RejectUnknownKeys();
            items.Add(item);
        }

        return items;
    }

    private static ChecklistItem ReadItem(YamlMap map, HashSet<string> seen)
    {
        var errors = map.Errors;
        var role = Unique(map, seen);
        var title = PolicyFileReader.Chinese(map, "title");
        var requirement = PolicyFileReader.Choice(map, "requirement", Requirements);
        var condition = PolicyFileReader.Flag(map, "condition");
        if (requirement == Requirement.Conditional && condition is null)
        {
            throw errors.At(map.Node, $"视情况归档的“{role}”缺少条件“condition”",
                $"conditional item '{role}' has no 'condition'");
        }

        if (requirement != Requirement.Conditional && condition is not null)
        {
            throw errors.At(map.Get("condition")!, $"只有 conditional 条目可以有“condition”（{role}）",
                $"only conditional items may have a 'condition' ('{role}')");
        }

        var alternatives = new List<ChecklistAlternative>();
        foreach (var node in map.OptionalSequence("alternatives"))
        {
            var alt = new YamlMap(errors, node, "alternatives 条目");
            var altRole = Unique(alt, seen);
            alternatives.Add(new ChecklistAlternative(
                altRole, PolicyFileReader.Chinese(alt, "title"), alt.OptionalInts("dataSets", 100, 999)));
            alt.RejectUnknownKeys();
        }

        return new ChecklistItem
        {
            Role = role,
            Title = title,
            Requirement = requirement,
            Condition = condition,
            ExemptWhen = PolicyFileReader.Flag(map, "exemptWhen"),
            Multiple = map.OptionalBool("multiple"),
            Recording = map.OptionalBool("recording"),
            DataSets = map.OptionalInts("dataSets", 100, 999),
            Alternatives = alternatives,
        };
    }

    private static string Unique(YamlMap map, HashSet<string> seen)
    {
        var role = PolicyFileReader.Slug(map, "role");
        if (!seen.Add(role))
        {
            throw map.Errors.At(map.Get("role")!, $"归档材料类型“{role}”重复", $"duplicate role '{role}'");
        }

        return role;
    }
}
