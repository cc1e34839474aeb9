using System.Text.Json.Nodes;
using Archive.Integrity.Canonical;
using Archive.Integrity.Custody;

namespace Archive.Ingest.Sealing;

/// <summary>
/// The per-version chunk-digest document (<c>archive-chunks/1</c>, canonical JSON): for each item its path, size,
/// SHA-256 and the SHA-256 of every chunk. Written at seal, or on the first verification of a version sealed before
/// chunk digests existed; its own SHA-256 is what the ledger binds to the version.
/// </summary>
internal static class ChunkDigestDocument
{
    /// <summary>One item of the document.</summary>
    public static JsonObject Item(string path, long size, string sha256, ChunkDigests chunks)
    {
        var hashes = new JsonArray();
        foreach (var hex in chunks.HexDigests())
        {
            hashes.Add(hex);
        }

        return new JsonObject { ["path"] = path, ["size"] = size, ["sha256"] = sha256, ["chunkSize"] = chunks.ChunkSize, ["chunks"] = hashes };
    }

    /// <summary>The document's canonical bytes.</summary>
    public static byte[] Build(string projectCode, int version, string manifestSha256, JsonArray items) => CanonicalJson.Serialize(new JsonObject
    {
        ["format"] = SealingJob.ChunkDigestsFormat,
        ["project"] = projectCode,
        ["version"] = version,
        ["manifestSha256"] = manifestSha256,
        ["algorithm"] = "sha256",
        ["items"] = items,
    });
}
