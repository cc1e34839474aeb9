using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Api.Reports;
using Archive.Ingest.Import;
using Archive.Ingest.Policies;

namespace Archive.Demo;

/// <summary>
/// Writes a sample project as an import folder: one item for every role its category's checklist requires
/// (given its flags), the extra roles asked for, and <c>project.json</c>. Existing files are kept, so a supplement
/// folder copied from the first version only gains its new items.
/// </summary>
internal sealed class DemoWriter(PolicyCatalog policies)
{
    private static readonly HashSet<string> PerBidder =
        ["bid-documents", "response-documents", "bid-applications", "transferee-registration", "deposit-receipts", "bid-security-receipts"];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task WriteAsync(DemoProject p, string directory, IEnumerable<string> extraRoles, CancellationToken ct)
    {
        var policy = policies.Get(p.Category);
        var roles = policy.Checklist.Where(i => i.IsRequiredFor(p.Flags)).Select(i => i.Role).Concat(extraRoles).Distinct(StringComparer.Ordinal);
        var items = new JsonArray();
        Directory.CreateDirectory(directory);
        foreach (var role in roles)
        {
            var entry = policy.FindItem(role) ?? throw new InvalidOperationException($"role {role} is not in the {p.Category} checklist");
            var title = entry.Role == role ? entry.Title : entry.Alternatives.First(a => a.Role == role).Title;
            var recorded = entry.Recording ? DemoMedia.Recordings(p, role, title) : null;
            foreach (var (path, write) in recorded?.Select(r => (r.Path, r.Write)) ?? Items(p, role, title))
            {
                var file = Path.Combine(directory, path);
                if (!File.Exists(file))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    await write(file, ct);
                }

                var item = new JsonObject { ["path"] = path, ["role"] = role };
                if (recorded?.First(r => r.Path == path).Metadata is { } metadata)
                {
                    item["recording"] = metadata;
                }

                items.Add(item);
            }
        }

        var descriptor = new JsonObject
        {
            ["platform"] = DemoProjects.Platform,
            ["project"] = new JsonObject { ["code"] = p.Code, ["name"] = p.Name, ["category"] = p.Category, ["region"] = p.Region },
            ["parties"] = new JsonArray(new[] { p.Owner }.Concat(p.Agency is null ? [] : [p.Agency]).Concat(p.Bidders)
                .Select(x => (JsonNode)new JsonObject { ["role"] = x.Role, ["name"] = x.Name, ["creditCode"] = x.CreditCode }).ToArray()),
            ["dates"] = new JsonObject
            {
                ["announcement"] = p.Dates.Announcement, ["opening"] = p.Dates.Opening, ["award"] = p.Dates.Award, ["completion"] = p.Dates.Completion,
            },
            ["flags"] = new JsonObject(p.Flags.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
            ["items"] = items,
        };
        await File.WriteAllTextAsync(Path.Combine(directory, ProjectFolder.DescriptorName), descriptor.ToJsonString(Json), ct);
    }

    private static IEnumerable<(string Path, Func<string, CancellationToken, Task> Write)> Items(DemoProject p, string role, string title)
    {
        var name = Safe(title);
        if (role == "av-recording")
        {
            yield return ($"音视频/{name}-开标现场.mp4", DemoMedia.WriteVideoAsync);
            yield return ($"音视频/{name}-评审室录音.wav", DemoMedia.WriteAudioAsync);
            yield break;
        }

        foreach (var (number, recordName) in DemoRecords.RecordsFor(p.Category, role, title))
        {
            var file = number is { } n ? $"记录/{n}_{Safe(recordName)}.json" : $"记录/{Safe(recordName)}.json";
            yield return (file, (path, ct) => File.WriteAllTextAsync(path, DemoRecords.Record(p, number, recordName, role).ToJsonString(Json), ct));
        }

        if (!DemoRecords.HasDocument(role))
        {
            yield break;
        }

        if (PerBidder.Contains(role))
        {
            foreach (var bidder in p.Bidders)
            {
                yield return ($"{name}/{Safe(bidder.Name)}.pdf", (path, ct) => File.WriteAllBytesAsync(path, ChineseTextPdf.Render(DemoDocuments.Document(p, title, role, bidder)), ct));
            }

            yield break;
        }

        yield return ($"文档/{name}.pdf", (path, ct) => File.WriteAllBytesAsync(path, ChineseTextPdf.Render(DemoDocuments.Document(p, title, role)), ct));
    }

    // Titles such as “招标项目/标段信息” must stay one path segment.
    private static string Safe(string text) => text.Replace('/', '、').Replace("%", "％", StringComparison.Ordinal);
}
