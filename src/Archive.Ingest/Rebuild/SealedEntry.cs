using System.Text.Json.Nodes;

namespace Archive.Ingest.Rebuild;

/// <summary>A <c>package.sealed</c> ledger entry, as the catalogue rebuild reads it.</summary>
/// <param name="Index">Its ledger index.</param>
/// <param name="Project">The project code.</param>
/// <param name="Version">The sealed version.</param>
/// <param name="ManifestSha256">SHA-256 hex of the version's manifest bytes.</param>
/// <param name="BagPrefix">The bag's prefix in the offline store, e.g. <c>Z53…/v1/</c>.</param>
/// <param name="Submission">The submission that sealed it.</param>
/// <param name="Platform">The trading platform that submitted it.</param>
public sealed record SealedEntry(long Index, string Project, int Version, string ManifestSha256, string BagPrefix, Guid Submission, string Platform)
{
    /// <summary>Reads the fields of a parsed <c>package.sealed</c> entry.</summary>
    /// <param name="index">The entry's ledger index.</param>
    /// <param name="entry">The entry, parsed; its type is <c>package.sealed</c>.</param>
    internal static SealedEntry From(long index, JsonObject entry) =>
        new(
            index,
            entry["project"]!.GetValue<string>(),
            entry["version"]!.GetValue<int>(),
            entry["manifestSha256"]!.GetValue<string>(),
            entry["bag"]!.GetValue<string>(),
            Guid.Parse(entry["submission"]!.GetValue<string>()),
            entry["platform"]!.GetValue<string>());
}
