using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Archive.Integrity.Bags;
using Archive.Integrity.Canonical;
using Archive.Integrity.Manifests;
using NodaTime.Text;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// The tag files of a version's bag (CONTRACT §6), as pure functions of the plan and the ledger evidence, so a
/// resumed job writes the same bytes: <c>bagit.txt</c>, <c>bag-info.txt</c>, the payload manifests,
/// <c>archive/manifest.json</c>, the <c>archive/</c> evidence and, last, <c>tagmanifest-sha256.txt</c>.
/// </summary>
internal static class BagFiles
{
    public const string SoftwareAgent = "Archive.Ingest sealing (archive-manifest/1)";
    public const string ManifestJson = "archive/manifest.json";
    public const string LedgerEntry = "archive/ledger-entry.json";
    public const string Checkpoint = "archive/checkpoint.txt";
    public const string InclusionProof = "archive/inclusion-proof.json";
    public const string VerifierKey = "archive/verifier-key.txt";
    public const string SealChecks = FourProperties.SealCheckRecords.TagPath;

    /// <summary>Every tag file a sealed bag holds.</summary>
    public static IReadOnlyList<string> AllTagPaths { get; } =
    [
        BagTagFiles.Declaration, BagTagFiles.BagInfo, BagTagFiles.ManifestSha256, BagTagFiles.ManifestSha512, ManifestJson,
        LedgerEntry, Checkpoint, InclusionProof, VerifierKey, SealChecks, SealingJob.ChunkDigestsTagFile, BagTagFiles.TagManifestSha256,
    ];

    /// <summary>The tag files written before the ledger entry (path → bytes).</summary>
    public static List<KeyValuePair<string, byte[]>> Base(SealingPlan plan, IReadOnlyCollection<BagPayloadFile> payload)
    {
        var manifest = plan.Manifest;
        var labels = new List<KeyValuePair<string, string>>
        {
            new("Source-Organization", plan.Submission.Platform),
            new("External-Identifier", plan.ProjectCode),
            new("External-Description", manifest.Project.Name),
            new("Bagging-Date", LocalDatePattern.Iso.Format(RetentionDates.SealDate(plan.SealedAt))),
            new("Bag-Software-Agent", SoftwareAgent),
            new("Archive-Version", plan.Version.ToString(CultureInfo.InvariantCulture)),
            new("Archive-Manifest-SHA256", plan.ManifestSha256),
            new("Archive-Previous-Manifest-SHA256", manifest.Previous ?? "none"),
            new("Archive-Retention-Policy", manifest.Retention.Policy),
            new("Archive-Retention-Until", manifest.Retention.Until is { } until ? LocalDatePattern.Iso.Format(until) : ManifestRetention.Permanent),
        };
        if (plan.ArchivalCode is { } archivalCode)
        {
            labels.Add(new("Archival-Code", archivalCode));
        }

        List<KeyValuePair<string, byte[]>> files =
        [
            new(BagTagFiles.Declaration, BagTagFiles.DeclarationBytes()),
            new(BagTagFiles.BagInfo, BagTagFiles.BagInfoBytes(labels, payload)),
            new(BagTagFiles.ManifestSha256, BagTagFiles.PayloadManifestBytes(payload, "sha256")),
            new(BagTagFiles.ManifestSha512, BagTagFiles.PayloadManifestBytes(payload, "sha512")),
            new(ManifestJson, plan.ManifestBytes),
        ];
        // The seal-time 四性 record, so the offline copy carries its own test record (absent for seals accepted before it existed).
        if (plan.SealChecks is { } sealChecks)
        {
            files.Add(new(SealChecks, sealChecks));
        }

        return files;
    }

    /// <summary>The ledger evidence files (path → bytes): entry, checkpoint, inclusion proof, verifier key.</summary>
    public static List<KeyValuePair<string, byte[]>> Evidence(
        byte[] entry, string checkpointNote, long leafIndex, long treeSize, IReadOnlyList<byte[]> proof, string verifierKey)
    {
        var hashes = new JsonArray();
        foreach (var hash in proof)
        {
            hashes.Add(Convert.ToBase64String(hash));
        }

        var inclusion = new JsonObject { ["leafIndex"] = leafIndex, ["treeSize"] = treeSize, ["hashes"] = hashes };
        return
        [
            new(LedgerEntry, entry),
            new(Checkpoint, Encoding.UTF8.GetBytes(checkpointNote)),
            new(InclusionProof, CanonicalJson.Serialize(inclusion)),
            new(VerifierKey, Encoding.UTF8.GetBytes(verifierKey + "\n")),
        ];
    }

    /// <summary><c>tagmanifest-sha256.txt</c> over every other tag file.</summary>
    public static KeyValuePair<string, byte[]> TagManifest(IEnumerable<KeyValuePair<string, byte[]>> tagFiles) =>
        new(BagTagFiles.TagManifestSha256, BagTagFiles.TagManifestBytes(tagFiles));
}
