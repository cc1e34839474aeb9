using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Archive.Ingest.Policies.Internal;

/// <summary>Reads and strictly validates one retention-policy YAML file.</summary>
internal static partial class PolicyFileReader
{
    public static RetentionPolicy Read(string filePath, string text)
    {
        var errors = new PolicyErrors(filePath);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            throw new PolicyFileException(
                filePath, e.Start.Line, e.Start.Column, $"YAML 语法错误：{e.Message}", $"YAML error: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 18 lets some scanner states escape as InvalidOperationException (e.g. an unclosed
            // flow sequence at the end of the file); the scanner's position still tells the line.
            var at = scanner.CurrentPosition;
            throw new PolicyFileException(
                filePath, at.Line, at.Column, "YAML 语法错误（结构不完整）", "YAML error (incomplete structure)", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw errors.File(
                $"应恰好包含一个 YAML 文档，实际为 {stream.Documents.Count} 个",
                $"must hold exactly one YAML document, found {stream.Documents.Count}");
        }

        var root = new YamlMap(errors, stream.Documents[0].RootNode, "文件根节点");
        var policy = ReadPolicy(root, filePath);
        root.RejectUnknownKeys();
        return policy;
    }

    private static RetentionPolicy ReadPolicy(YamlMap root, string filePath)
    {
        var errors = root.Errors;
        var id = Slug(root, "id");
        var categoryNode = root.Required("category");
        var category = root.Scalar(categoryNode, "category");
        if (!TradingCategories.IsKnown(category))
        {
            var known = string.Join(", ", TradingCategories.All);
            throw errors.At(categoryNode, $"未知的交易类别“{category}”（可用：{known}）",
                $"unknown category '{category}' (known: {known})");
        }

        var title = Chinese(root, "title");
        var version = root.RequiredInt("version", 1, 1_000_000);
        var retention = ReadRule(new YamlMap(errors, root.Required("retention"), "retention"), withMode: false).Rule;
        var deadline = root.Get("archivingDeadline") is { } deadlineNode ? DeadlineReader.Read(new YamlMap(errors, deadlineNode, "archivingDeadline")) : null;
        var checklistNodes = root.OptionalSequence("checklist");
        if (checklistNodes.Count == 0)
        {
            throw errors.At(root.Node, "缺少归档清单“checklist”或清单为空", "missing or empty 'checklist'");
        }

        var checklist = ChecklistReader.Read(errors, checklistNodes);
        var overrides = root.OptionalSequence("overrides").Select(n => ReadOverride(errors, n, checklist)).ToList();
        CheckSingleReplacement(errors, root.Get("overrides"), overrides);

        return new RetentionPolicy
        {
            Id = id,
            Category = category,
            Title = title,
            Version = version,
            Retention = retention,
            Overrides = overrides,
            ArchivingDeadline = deadline,
            Checklist = checklist,
            SourceFile = filePath,
        };
    }

    private static RetentionOverride ReadOverride(
        PolicyErrors errors, YamlNode node, IReadOnlyList<ChecklistItem> checklist)
    {
        var map = new YamlMap(errors, node, "overrides 条目");
        var rolesNode = map.Required("roles");
        var roles = map.OptionalSequence("roles").Select(r => map.Scalar(r, "roles")).ToList();
        if (roles.Count == 0)
        {
            throw errors.At(rolesNode, "“roles”不能为空", "'roles' must not be empty");
        }

        var known = new HashSet<string>(checklist.SelectMany(i => i.AllRoles), StringComparer.Ordinal);
        foreach (var role in roles.Where(r => !known.Contains(r)))
        {
            throw errors.At(rolesNode, $"保管期限例外引用了清单中不存在的类型“{role}”",
                $"override names role '{role}', which is not in the checklist");
        }

        var (rule, mode) = ReadRule(map, withMode: true);
        map.RejectUnknownKeys();
        return new RetentionOverride(roles, rule, mode);
    }

    private static (RetentionRule Rule, OverrideMode Mode) ReadRule(YamlMap map, bool withMode)
    {
        var errors = map.Errors;
        var periodNode = map.Required("period");
        var periodText = map.Scalar(periodNode, "period");
        RetentionPeriod period;
        if (periodText == "permanent")
        {
            period = RetentionPeriod.Permanent;
        }
        else
        {
            period = RetentionPeriod.FromYears(map.RequiredInt("period", 1, 1000));
        }

        var startsNode = map.Required("startsAt");
        var startsAt = map.Scalar(startsNode, "startsAt");
        if (!RetentionEvents.All.Contains(startsAt, StringComparer.Ordinal))
        {
            var known = string.Join(", ", RetentionEvents.All);
            throw errors.At(startsNode, $"未知的起算事件“{startsAt}”（可用：{known}）",
                $"unknown start event '{startsAt}' (known: {known})");
        }

        var basis = Chinese(map, "basis");
        var status = Choice(map, "status", new Dictionary<string, BasisStatus>(StringComparer.Ordinal)
        {
            ["law"] = BasisStatus.Law, ["std"] = BasisStatus.Standard,
            ["choice"] = BasisStatus.Choice, ["unverified"] = BasisStatus.Unverified,
        });
        var mode = OverrideMode.Replace;
        if (withMode && map.Get("mode") is not null)
        {
            mode = Choice(map, "mode", new Dictionary<string, OverrideMode>(StringComparer.Ordinal)
            {
                ["replace"] = OverrideMode.Replace, ["minimum"] = OverrideMode.Minimum,
            });
        }

        if (!withMode)
        {
            map.RejectUnknownKeys();
        }

        return (new RetentionRule(period, startsAt, basis, status), mode);
    }

    private static void CheckSingleReplacement(
        PolicyErrors errors, YamlNode? node, IReadOnlyList<RetentionOverride> overrides)
    {
        var twice = overrides.Where(o => o.Mode == OverrideMode.Replace)
            .SelectMany(o => o.Roles)
            .GroupBy(r => r, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (twice is not null && node is not null)
        {
            throw errors.At(node, $"类型“{twice.Key}”有多个 replace 保管期限例外",
                $"role '{twice.Key}' has more than one replacing override");
        }
    }

    internal static T Choice<T>(YamlMap map, string key, IReadOnlyDictionary<string, T> choices)
    {
        var node = map.Required(key);
        var text = map.Scalar(node, key);
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        var allowed = string.Join(" | ", choices.Keys);
        throw map.Errors.At(node, $"“{key}”的值“{text}”无效（可用：{allowed}）",
            $"invalid '{key}' value '{text}' (allowed: {allowed})");
    }

    internal static string Slug(YamlMap map, string key)
    {
        var node = map.Required(key);
        var text = map.Scalar(node, key);
        if (!SlugPattern().IsMatch(text))
        {
            throw map.Errors.At(node, $"“{key}”应为小写英文短横线格式（如 tender-notice），实际为“{text}”",
                $"'{key}' must be a kebab-case slug (e.g. tender-notice), got '{text}'");
        }

        return text;
    }

    internal static string? Flag(YamlMap map, string key)
    {
        var node = map.Get(key);
        if (node is null)
        {
            return null;
        }

        var text = map.Scalar(node, key);
        if (!FlagPattern().IsMatch(text))
        {
            throw map.Errors.At(node, $"“{key}”应为 camelCase 元数据标志名（如 fullyElectronic），实际为“{text}”",
                $"'{key}' must be a camelCase metadata flag name (e.g. fullyElectronic), got '{text}'");
        }

        return text;
    }

    internal static string Chinese(YamlMap map, string key)
    {
        var node = map.Get(key)
            ?? throw map.Errors.At(map.Node, $"缺少中文字段“{key}”", $"missing Chinese '{key}'");
        var text = map.Scalar(node, key);
        if (!HanPattern().IsMatch(text))
        {
            throw map.Errors.At(node, $"“{key}”应包含中文，实际为“{text}”", $"'{key}' must be in Chinese, got '{text}'");
        }

        return text;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FlagPattern();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}", RegexOptions.CultureInvariant)]
    private static partial Regex HanPattern();
}
