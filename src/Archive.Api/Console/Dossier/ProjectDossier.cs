using Archive.Api.Access.Log;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Reading;
using Archive.Ingest.Retention;
using Archive.Integrity.Custody;

namespace Archive.Api.Console.Dossier;

/// <summary>What the 项目档案 page shows of one project, gathered from the services the API endpoints use.</summary>
/// <param name="Summary">The project summary (as <c>GET /api/v1/projects/{code}</c>).</param>
/// <param name="LatestItems">The latest version's items (with both digests).</param>
/// <param name="Checklist">Each checklist item of the category: present or missing, and since when.</param>
/// <param name="LastVerification">The last verification of each copy.</param>
/// <param name="Entries">The project's ledger entries the caller may see, newest first.</param>
/// <param name="MayDownloadBag">Whether the caller may download the offline bag (copy scope).</param>
public sealed record ProjectDossier(
    ProjectSummary Summary,
    IReadOnlyList<SealedItem> LatestItems,
    IReadOnlyList<ChecklistLine> Checklist,
    IReadOnlyDictionary<CopyKind, LastVerification> LastVerification,
    IReadOnlyList<DossierEntry> Entries,
    bool MayDownloadBag)
{
    /// <summary>The 档号 of each version that has one.</summary>
    public IReadOnlyDictionary<int, string> ArchivalCodes { get; init; } = new Dictionary<int, string>();

    /// <summary>The 开放状态 and 密级 of each version that has them set.</summary>
    public IReadOnlyDictionary<int, VersionAccessStatus> AccessStatuses { get; init; } = new Dictionary<int, VersionAccessStatus>();

    /// <summary>The project's legal holds, current and released (only for the centre's own staff; empty otherwise).</summary>
    public IReadOnlyList<LegalHold> Holds { get; init; } = [];

    /// <summary>Whether older access-log entries exist than the newest ones the page lists.</summary>
    public bool OlderAccessEntries { get; init; }

    /// <summary>The latest version's items disposed on their own, by path, with their tombstone ledger index.</summary>
    public IReadOnlyDictionary<string, long> DisposedItems { get; init; } = new Dictionary<string, long>();
}
