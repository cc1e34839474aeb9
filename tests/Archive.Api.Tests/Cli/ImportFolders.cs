using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Cli;

/// <summary>Writes import folders (project.json + item files) built from <see cref="SampleProject"/>.</summary>
internal static class ImportFolders
{
    public const string Platform = "云南省公共资源交易电子服务系统";

    /// <summary>Writes one project folder under <paramref name="root"/>; <paramref name="skipRole"/> leaves that role out.</summary>
    public static string Write(string root, string folder, string code, string? skipRole = null, bool declareDigests = false)
    {
        var dir = Path.Combine(root, folder);
        var items = new JsonArray();
        foreach (var (path, role, mediaType, bytes) in SampleProject.RequiredItems().Where(i => i.Role != skipRole))
        {
            var file = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, bytes);
            // The media type is declared for JSON only: PDFs exercise the guess from the extension.
            var item = new JsonObject { ["path"] = path, ["role"] = role };
            if (mediaType == "application/json")
            {
                item["mediaType"] = mediaType;
            }

            if (declareDigests)
            {
                item["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            }

            items.Add(item);
        }

        var descriptor = JsonSerializer.SerializeToNode(SampleProject.Metadata(code))!.AsObject();
        descriptor["platform"] = Platform;
        descriptor["items"] = items;
        File.WriteAllText(Path.Combine(dir, "project.json"), descriptor.ToJsonString());
        return dir;
    }
}
