using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Archive.Ingest.Policies.Internal;

/// <summary>Strict access to one YAML mapping: typed reads, and every key not read is an error.</summary>
internal sealed class YamlMap
{
    private readonly HashSet<string> allowed = new(StringComparer.Ordinal);

    public YamlMap(PolicyErrors errors, YamlNode node, string what)
    {
        Errors = errors;
        if (node is not YamlMappingNode mapping)
        {
            throw errors.At(node, $"{what} 应为映射（键: 值）", $"{what} must be a mapping (key: value)");
        }

        Node = mapping;
    }

    public PolicyErrors Errors { get; }

    public YamlMappingNode Node { get; }

    public YamlNode? Get(string key)
    {
        allowed.Add(key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlNode Required(string key) =>
        Get(key) ?? throw Errors.At(Node, $"缺少字段“{key}”", $"missing key '{key}'");

    public string RequiredString(string key) => Scalar(Required(key), key);

    public string? OptionalString(string key) => Get(key) is { } node ? Scalar(node, key) : null;

    public int RequiredInt(string key, int min, int max) => Int(Required(key), key, min, max);

    public bool OptionalBool(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return false;
        }

        return Scalar(node, key) switch
        {
            "true" => true,
            "false" => false,
            _ => throw Errors.At(node, $"“{key}”应为 true 或 false", $"'{key}' must be true or false"),
        };
    }

    public IReadOnlyList<YamlNode> OptionalSequence(string key)
    {
        var node = Get(key);
        return node switch
        {
            null => [],
            YamlSequenceNode sequence => sequence.Children.ToList(),
            _ => throw Errors.At(node, $"“{key}”应为列表", $"'{key}' must be a list"),
        };
    }

    public IReadOnlyList<int> OptionalInts(string key, int min, int max) =>
        OptionalSequence(key).Select(n => Int(n, key, min, max)).ToList();

    /// <summary>Rejects the first key that no read asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var key in Node.Children.Keys)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : key.ToString();
            if (!allowed.Contains(name))
            {
                var expected = string.Join(", ", allowed.Order(StringComparer.Ordinal));
                throw Errors.At(
                    key,
                    $"未知字段“{name}”（允许的字段：{expected}）",
                    $"unknown key '{name}' (allowed: {expected})");
            }
        }
    }

    public string Scalar(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            throw Errors.At(node, $"“{key}”应为单个值", $"'{key}' must be a single value");
        }

        if (value.Length == 0)
        {
            throw Errors.At(node, $"“{key}”不能为空", $"'{key}' must not be empty");
        }

        return value;
    }

    private int Int(YamlNode node, string key, int min, int max)
    {
        var text = Scalar(node, key);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw Errors.At(
                node,
                $"“{key}”应为 {min} 到 {max} 之间的整数，实际为“{text}”",
                $"'{key}' must be an integer from {min} to {max}, got '{text}'");
        }

        return value;
    }
}
