using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Archive.Ingest.Import;

/// <summary>
/// One project folder of an import: <c>project.json</c> (the body of <c>POST /api/v1/submissions</c>, plus
/// <c>platform</c> and an <c>items</c> array of <c>{path, role, mediaType?, sha256?, recording?}</c>, where <c>recording</c> is
/// <c>{room, channel, start, end}</c> for venue audio/video) and the item files.
/// </summary>
public sealed partial class ProjectFolder
{
    /// <summary>The file that describes a project folder.</summary>
    public const string DescriptorName = "project.json";

    private ProjectFolder(string directory, string platform, JsonObject metadata, IReadOnlyList<ProjectFolderItem> items)
    {
        Directory = directory;
        Platform = platform;
        Metadata = metadata;
        Items = items;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The submitting trading platform (the ingest principal's organisation).</summary>
    public string Platform { get; }

    /// <summary>The submission body: <c>project.json</c> without <c>platform</c> and <c>items</c>.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The project code as written, or null.</summary>
    public string? Code => (Metadata["project"] as JsonObject)?["code"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The items, in the order listed.</summary>
    public IReadOnlyList<ProjectFolderItem> Items { get; }

    /// <summary>Total bytes of all items.</summary>
    public long TotalBytes => Items.Sum(i => i.Size);

    /// <summary>The project folders of <paramref name="directory"/>: itself when it holds a <c>project.json</c>, else its visible sub-folders, in name order.</summary>
    /// <param name="directory">A project folder or a folder of project folders.</param>
    /// <returns>Full paths of the project folders.</returns>
    public static IReadOnlyList<string> FindProjects(string directory)
    {
        directory = Path.GetFullPath(directory);
        if (File.Exists(Path.Combine(directory, DescriptorName)))
        {
            return [directory];
        }

        return System.IO.Directory.EnumerateDirectories(directory)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads and checks <c>project.json</c>; hashes every file whose SHA-256 is not declared.</summary>
    /// <exception cref="ProjectFolderException">The descriptor is missing or malformed, or a listed file is missing or outside the folder.</exception>
    public static async Task<ProjectFolder> ReadAsync(string directory, CancellationToken ct)
    {
        directory = Path.GetFullPath(directory);
        var descriptor = Path.Combine(directory, DescriptorName);
        if (!File.Exists(descriptor))
        {
            throw new ProjectFolderException($"缺少 {DescriptorName}。");
        }

        JsonObject root;
        try
        {
            await using var stream = File.OpenRead(descriptor);
            root = await JsonNode.ParseAsync(stream, cancellationToken: ct) as JsonObject
                ?? throw new ProjectFolderException($"{DescriptorName} 应为 JSON 对象。");
        }
        catch (JsonException e)
        {
            throw new ProjectFolderException($"{DescriptorName} 不是有效的 JSON：{e.Message}", e);
        }

        var platform = Text(root, "platform")?.Trim();
        if (string.IsNullOrEmpty(platform))
        {
            throw new ProjectFolderException($"{DescriptorName} 缺少 platform（提交归档的交易平台名称）。");
        }

        if (root["items"] is not JsonArray array || array.Count == 0)
        {
            throw new ProjectFolderException($"{DescriptorName} 缺少 items 数组（至少一个条目）。");
        }

        var items = new List<ProjectFolderItem>();
        for (var i = 0; i < array.Count; i++)
        {
            items.Add(await ReadItemAsync(directory, array[i] as JsonObject, $"items[{i}]", ct));
        }

        var duplicate = items.GroupBy(i => i.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ProjectFolderException($"条目路径“{duplicate.Key}”在 items 中出现了多次。");
        }

        var metadata = root.DeepClone().AsObject();
        metadata.Remove("platform");
        metadata.Remove("items");
        return new ProjectFolder(directory, platform, metadata, items);
    }

    private static async Task<ProjectFolderItem> ReadItemAsync(string directory, JsonObject? item, string field, CancellationToken ct)
    {
        if (item is null)
        {
            throw new ProjectFolderException($"{field} 应为对象 {{path, role, mediaType?, sha256?}}。");
        }

        var path = Text(item, "path");
        var role = Text(item, "role");
        if (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(role))
        {
            throw new ProjectFolderException($"{field} 须有 path 与 role。");
        }

        // The file must lie inside the project folder: a listed "../x" never reads outside it.
        var file = Path.GetFullPath(Path.Combine(directory, path));
        if (!file.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            throw new ProjectFolderException($"{field}.path “{path}”指向项目文件夹之外。");
        }

        if (!File.Exists(file))
        {
            throw new ProjectFolderException($"{field}.path 所列文件“{path}”不存在。");
        }

        var sha256 = Text(item, "sha256")?.ToLowerInvariant();
        if (sha256 is not null && !Sha256Syntax().IsMatch(sha256))
        {
            throw new ProjectFolderException($"{field}.sha256 应为 64 位十六进制。");
        }

        if (sha256 is null)
        {
            await using var stream = File.OpenRead(file);
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }

        var recording = item["recording"] is JsonObject r
            ? new Submissions.RecordingInput(Text(r, "room"), Text(r, "channel"), Text(r, "start"), Text(r, "end"))
            : null;
        return new ProjectFolderItem(path, role, Text(item, "mediaType") ?? MediaTypeGuess.ForPath(path), sha256, new FileInfo(file).Length, file)
        {
            Recording = recording,
        };
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Syntax();
}
