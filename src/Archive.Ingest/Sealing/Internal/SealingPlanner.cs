using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Policies;
using Archive.Ingest.Submissions;
using Archive.Integrity.Manifests;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>Builds the manifest of the version a submission seals: its own items plus those carried over from version n−1.</summary>
internal static class SealingPlanner
{
    private static readonly string[] ExtraProjectMembers = ["parties", "dates", "flags"];

    /// <exception cref="SealingFailedException">The submission cannot make a valid manifest.</exception>
    public static SealingPlan Build(SealingInputs inputs, PolicyCatalog policies)
    {
        var submission = inputs.Submission;
        var version = submission.Version ?? throw new InvalidOperationException("The version is fixed before the manifest is built.");
        var sealedAt = submission.SealedAt ?? throw new InvalidOperationException("The seal time is fixed before the manifest is built.");
        var (metadata, _) = SubmissionMetadataJson.Read(submission.Metadata);
        Manifest? previous = null;
        string? previousDigest = null;
        if (version > 1)
        {
            var bytes = inputs.PreviousManifest
                ?? throw new InvalidOperationException($"Version {version - 1} of {submission.ProjectCode} is not archived.");
            previous = Manifest.Parse(bytes);
            previousDigest = Manifest.DigestHex(bytes);
        }

        try
        {
            var policy = policies.Get(metadata.Category!);
            // Each new item records its own 保管期限; carried-over items keep what their version recorded.
            var items = inputs.Items
                .Select(i => new ManifestItem(i.Path, i.Role, i.MediaType, i.Size, i.Sha256, i.Sm3, i.ReceivedAt, submission.Platform)
                {
                    Retention = RetentionDates.ItemRetention(policy, i.Role, metadata.Dates, sealedAt),
                })
                .ToList();
            var sent = items.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);
            items.AddRange(previous?.Items.Where(i => !sent.Contains(i.Path)) ?? []);

            var until = RetentionDates.Until(policy, items.Select(i => i.Role), metadata.Dates, sealedAt);
            var extra = new JsonObject();
            if (metadata.Region is not null)
            {
                extra["region"] = metadata.Region;
            }

            foreach (var name in ExtraProjectMembers)
            {
                if (submission.Metadata[name] is { } node)
                {
                    extra[name] = node.DeepClone();
                }
            }

            var manifest = new Manifest(
                new ManifestProject(submission.ProjectCode, metadata.ProjectName!, metadata.Category!, extra),
                version, previousDigest, sealedAt, new ManifestRetention(policy.Id, until), items) { Gaps = inputs.Gaps };
            var manifestBytes = manifest.ToCanonicalBytes();
            return new SealingPlan(submission, inputs.Items, inputs.StorageSegment, version, manifest.SealedAt, manifest,
                manifestBytes, Manifest.DigestHex(manifestBytes), inputs.CheckpointSize, inputs.SealChecks);
        }
        catch (ArgumentException e)
        {
            throw new SealingFailedException(
                new ArchiveProblem("seal.manifest-invalid", null, $"无法生成清单：提交的元数据或条目不符合清单格式（{e.Message}）。"), reject: true, e);
        }
    }
}
