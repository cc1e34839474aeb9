using System.Globalization;
using System.Text.Json.Nodes;
using Archive.Ingest.Sealing.Internal;
using Archive.Integrity.Bags;
using Archive.Integrity.Ledger;
using Archive.Integrity.Manifests;
using Archive.Integrity.Notes;
using NodaTime.Text;

namespace Archive.Ingest.Sealing;

/// <summary>Step 5: <c>package.sealed</c> in the ledger, a covering checkpoint, the bag's evidence, the tag manifest last.</summary>
public sealed partial class SealingJob
{
    /// <summary>The idempotency key of a submission's <c>package.sealed</c> entry: one entry per submission, ever.</summary>
    /// <param name="submissionId">The submission.</param>
    public static string LedgerIdempotencyKey(Guid submissionId) => $"{EntryType}:{submissionId}";

    private async Task<(LedgerAppendResult Entry, IReadOnlyList<KeyValuePair<string, byte[]>> TagFiles)> SealInLedgerAsync(
        SealingPlan plan, IReadOnlyList<BagPayloadFile> payload, KeyValuePair<string, byte[]> chunkDigests, CancellationToken ct)
    {
        var fields = EntryFields(plan);
        if (plan.Manifest.Gaps.Count > 0)
        {
            // 缺件归档: the entry names each gap's reason and the archivist who recorded it.
            fields["gaps"] = new JsonArray(plan.Manifest.Gaps.Select(g => (JsonNode)new JsonObject
            {
                ["role"] = g.Role,
                ["reason"] = g.Reason,
                ["recordedBy"] = g.RecordedBy,
            }).ToArray());
        }

        fields["chunkDigestsSha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(chunkDigests.Value));
        var entry = await ledger.AppendAsync(EntryType, fields, LedgerIdempotencyKey(plan.Submission.Id), ct);
        SealingFaults.After(SealingFaults.LedgerAppend);

        // The checkpoint is fixed once: every later run writes the same checkpoint.txt and proof.
        var treeSize = plan.CheckpointSize
            ?? await store.FixCheckpointSizeAsync(plan.Submission.Id, TreeSizeOf(await ledger.WaitForCheckpointCoveringAsync(entry.Index, ct)), ct);
        var note = await ledger.GetCheckpointAsync(treeSize, ct)
            ?? throw new InvalidOperationException($"The ledger has no checkpoint of size {treeSize}, which sealing recorded.");
        var proof = await ledger.ProveInclusionAsync(entry.Index, treeSize, ct);

        var evidence = BagFiles.Evidence(entry.Entry, note, entry.Index, treeSize, proof, ledger.VerifierKey);
        foreach (var (path, bytes) in evidence)
        {
            await WriteSmallAsync(stores.Offline, plan.BagPrefix + path, bytes, path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/plain; charset=utf-8", LockUntil(plan), ct);
        }

        var tagFiles = BagFiles.Base(plan, payload).Append(chunkDigests).Concat(evidence).ToList();
        var tagManifest = BagFiles.TagManifest(tagFiles);
        await WriteSmallAsync(stores.Offline, plan.BagPrefix + tagManifest.Key, tagManifest.Value, "text/plain; charset=utf-8", LockUntil(plan), ct);
        tagFiles.Add(tagManifest);
        return (entry, tagFiles);
    }

    private static JsonObject EntryFields(SealingPlan plan)
    {
        var manifest = plan.Manifest;
        return new JsonObject
        {
            ["project"] = plan.ProjectCode,
            ["version"] = plan.Version,
            ["manifestSha256"] = plan.ManifestSha256,
            ["previous"] = manifest.Previous,
            ["itemCount"] = manifest.Items.Count,
            ["totalBytes"] = plan.TotalBytes,
            ["platform"] = plan.Submission.Platform,
            ["retentionPolicy"] = manifest.Retention.Policy,
            ["retentionUntil"] = manifest.Retention.Until is { } until ? LocalDatePattern.Iso.Format(until) : ManifestRetention.Permanent,
            ["bag"] = plan.BagPrefix,
            ["submission"] = plan.Submission.Id.ToString("D", CultureInfo.InvariantCulture),
        };
    }

    private long TreeSizeOf(string checkpointNote) =>
        Checkpoint.Open(checkpointNote, NoteVerifier.Parse(ledger.VerifierKey)).TreeSize;
}
