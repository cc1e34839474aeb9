using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>One sealed version of a project (封存版本) as the summary shows it.</summary>
/// <param name="Version">The version number, from 1.</param>
/// <param name="SealedAt">The seal time written in the manifest.</param>
/// <param name="ManifestSha256">SHA-256 of the exact manifest bytes.</param>
/// <param name="PreviousSha256">The previous version's manifest digest, or null for version 1.</param>
/// <param name="LedgerIndex">The index of its <c>package.sealed</c> ledger entry.</param>
/// <param name="ItemCount">How many items the manifest lists.</param>
/// <param name="Bytes">Their total size.</param>
/// <param name="RetainUntil">The end of retention, or null when permanent.</param>
/// <param name="ArchivedAt">When both copies were confirmed.</param>
/// <param name="OnlineState">The online copy's state: <c>confirmed</c>, <c>damaged</c> or <c>repaired</c>.</param>
/// <param name="OfflineState">The offline copy's state, likewise.</param>
public sealed record VersionSummary(
    int Version,
    Instant SealedAt,
    string ManifestSha256,
    string? PreviousSha256,
    long LedgerIndex,
    int ItemCount,
    long Bytes,
    LocalDate? RetainUntil,
    Instant ArchivedAt,
    string OnlineState,
    string OfflineState);
