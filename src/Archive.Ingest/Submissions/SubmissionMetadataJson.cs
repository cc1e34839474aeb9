using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Metadata;
using NodaTime;
using NodaTime.Text;

namespace Archive.Ingest.Submissions;

/// <summary>
/// Reads the JSON body of <c>POST /api/v1/submissions</c> into <see cref="SubmissionMetadata"/>:
/// <c>{"project":{"code","name","category","region"},"parties":[{"role","name","creditCode"|"idNumber"}],
/// "dates":{"announcement","opening","award","completion"},"flags":{"fullyElectronic":true,…}}</c>.
/// Shape errors are reported as problems beside the metadata, never thrown.
/// </summary>
public static class SubmissionMetadataJson
{
    private static readonly string[] DateFields = ["announcement", "opening", "award", "completion"];

    /// <summary>The metadata and the problems of its shape.</summary>
    public static (SubmissionMetadata Metadata, IReadOnlyList<ArchiveProblem> Problems) Read(JsonObject body)
    {
        var problems = new List<ArchiveProblem>();
        var project = body["project"] as JsonObject;
        if (project is null)
        {
            problems.Add(new("metadata.project", "project", "缺少 project 对象（code、name、category）。"));
        }

        var metadata = new SubmissionMetadata
        {
            ProjectCode = Text(project, "code", "project.code", problems),
            ProjectName = Text(project, "name", "project.name", problems),
            Category = Text(project, "category", "project.category", problems),
            Region = Text(project, "region", "project.region", problems) ?? Text(body, "region", "region", problems),
            Parties = Parties(body["parties"], problems),
            Dates = Dates(body["dates"], problems),
            Flags = Flags(body["flags"], problems),
        };
        return (metadata, problems);
    }

    private static string? Text(JsonObject? parent, string name, string field, List<ArchiveProblem> problems)
    {
        var node = parent?[name];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            problems.Add(new("metadata.type", field, $"{field} 应为字符串。"));
            return null;
        }

        return node.GetValue<string>();
    }

    private static IReadOnlyList<SubmissionParty> Parties(JsonNode? node, List<ArchiveProblem> problems)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            problems.Add(new("metadata.type", "parties", "parties 应为数组。"));
            return [];
        }

        var parties = new List<SubmissionParty>();
        for (var i = 0; i < array.Count; i++)
        {
            var field = $"parties[{i}]";
            if (array[i] is not JsonObject party)
            {
                problems.Add(new("metadata.type", field, $"{field} 应为对象。"));
                continue;
            }

            parties.Add(new SubmissionParty(
                Text(party, "role", field + ".role", problems) ?? string.Empty,
                Text(party, "name", field + ".name", problems) ?? string.Empty,
                Text(party, "creditCode", field + ".creditCode", problems),
                Text(party, "idNumber", field + ".idNumber", problems)));
        }

        return parties;
    }

    private static ProjectDates Dates(JsonNode? node, List<ArchiveProblem> problems)
    {
        if (node is null)
        {
            return new ProjectDates();
        }

        if (node is not JsonObject dates)
        {
            problems.Add(new("metadata.type", "dates", "dates 应为对象。"));
            return new ProjectDates();
        }

        foreach (var (name, _) in dates)
        {
            if (!DateFields.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(new("metadata.unknown-date", $"dates.{name}", $"未知的日期字段 {name}，可用：{string.Join("、", DateFields)}。"));
            }
        }

        LocalDate? Date(string name)
        {
            var text = Text(dates, name, $"dates.{name}", problems);
            if (text is null)
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text);
            if (parsed.Success)
            {
                return parsed.Value;
            }

            problems.Add(new("metadata.date-format", $"dates.{name}", $"dates.{name} 应为 yyyy-MM-dd 格式的日期。"));
            return null;
        }

        return new ProjectDates(Date("announcement"), Date("opening"), Date("award"), Date("completion"));
    }

    private static IReadOnlyDictionary<string, bool> Flags(JsonNode? node, List<ArchiveProblem> problems)
    {
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (node is null)
        {
            return flags;
        }

        if (node is not JsonObject obj)
        {
            problems.Add(new("metadata.type", "flags", "flags 应为对象（名称 → true/false）。"));
            return flags;
        }

        foreach (var (name, value) in obj)
        {
            if (value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                flags[name] = value.GetValue<bool>();
            }
            else
            {
                problems.Add(new("metadata.type", $"flags.{name}", $"flags.{name} 应为 true 或 false。"));
            }
        }

        return flags;
    }
}
