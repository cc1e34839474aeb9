using Archive.Api.Access.Log;
using Archive.Ingest.Reading;
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
    bool MayDownloadBag);
