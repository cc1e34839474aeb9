using System.Text;
using System.Text.Json;
using Archive.Core.Errors;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using Archive.Storage;

namespace Archive.Ingest.Submissions;

/// <summary>
/// The checks a submission passes before it is sealed (归档检测): metadata rules, the category's checklist
/// (items of the previous version count for a supplement), and that every staged item is there and readable.
/// Every problem is reported at once.
/// </summary>
internal static class SealChecks
{
    private const long MaxJsonCheckBytes = 64L * 1024 * 1024;

    public static async Task<IReadOnlyList<ArchiveProblem>> FindProblemsAsync(
        Submission submission, IReadOnlyList<SubmissionItem> items, IReadOnlyList<(string Path, string Role)> carried,
        PolicyCatalog policies, MetadataValidator validator, IObjectStore online, CancellationToken ct)
    {
        var (metadata, problems) = SubmissionMetadataJson.Read(submission.Metadata);
        var all = new List<ArchiveProblem>(problems);
        all.AddRange(validator.Validate(metadata).Select(p => new ArchiveProblem(p.Code, p.Field, p.Message)));

        var newPaths = items.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
        var roles = items.Select(i => i.Role).Concat(carried.Where(c => !newPaths.Contains(c.Path)).Select(c => c.Role));
        if (items.Count == 0)
        {
            all.Add(new("submission.empty", "items", "提交中没有任何条目。"));
        }

        if (policies.TryGet(metadata.Category, out var policy))
        {
            all.AddRange(ChecklistEvaluator.Evaluate(policy!, metadata.Flags, roles).Select(p => new ArchiveProblem(p.Code, p.Role, p.Message)));
        }

        foreach (var item in items)
        {
            if (await ReadabilityProblemAsync(item, online, ct) is { } problem)
            {
                all.Add(new("item.unreadable", item.Path, problem));
            }
        }

        return all;
    }

    private static async Task<string?> ReadabilityProblemAsync(SubmissionItem item, IObjectStore online, CancellationToken ct)
    {
        var info = await online.StatAsync(item.StagingKey, ct);
        if (info is null || info.Size != item.Size)
        {
            return "暂存内容缺失或大小不符，请重新上传。";
        }

        if (item.MediaType == "application/json" && item.Size <= MaxJsonCheckBytes)
        {
            try
            {
                await using var stream = await online.GetAsync(item.StagingKey, null, ct);
                using var _ = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            }
            catch (JsonException)
            {
                return "JSON 记录无法解析（不是有效的 UTF-8 JSON）。";
            }
        }

        if (item.MediaType == "application/pdf" && item.Size > 0)
        {
            var tail = Math.Min(item.Size, 2048);
            await using var stream = await online.GetAsync(item.StagingKey, new ByteRange(item.Size - tail, tail), ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            if (!Encoding.Latin1.GetString(buffer.ToArray()).Contains("%%EOF", StringComparison.Ordinal))
            {
                return "PDF 文件不完整（缺少 %%EOF 结束标记）。";
            }
        }

        return null;
    }
}
