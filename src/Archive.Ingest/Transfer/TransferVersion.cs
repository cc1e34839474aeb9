using Archive.Ingest.Reading;
using NodaTime;

namespace Archive.Ingest.Transfer;

/// <summary>One sealed version in a transfer package, with what its archival description (著录) records.</summary>
/// <param name="Project">The project's catalogue entry (title 题名, category, region, platform).</param>
/// <param name="Version">The version number.</param>
/// <param name="SealedAt">When it was sealed.</param>
/// <param name="ManifestSha256">SHA-256 of its manifest.</param>
/// <param name="LedgerIndex">Ledger index of its <c>package.sealed</c> entry.</param>
/// <param name="ArchivalCode">档号, null for versions sealed before codes existed.</param>
/// <param name="RetainUntil">End of its retention (保管期限), null when permanent (永久).</param>
/// <param name="OpenStatus">开放状态 (<c>open</c>/<c>closed</c>), null when never set.</param>
/// <param name="Classification">密级, null when never set.</param>
/// <param name="Parties">The project's parties (责任者).</param>
/// <param name="Items">The version's items with formats, sizes and digests.</param>
/// <param name="BagRoot">The bag's folder inside the package (under <c>bags/</c>), derived from the code, never the code itself.</param>
public sealed record TransferVersion(
    CatalogEntry Project,
    int Version,
    Instant SealedAt,
    string ManifestSha256,
    long LedgerIndex,
    string? ArchivalCode,
    LocalDate? RetainUntil,
    string? OpenStatus,
    string? Classification,
    IReadOnlyList<ProjectParty> Parties,
    IReadOnlyList<SealedItem> Items,
    string BagRoot);
