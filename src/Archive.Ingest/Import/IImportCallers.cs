using Archive.Ingest.Submissions;

namespace Archive.Ingest.Import;

/// <summary>
/// The ingest caller an import acts as for a trading platform. Principals belong to the host, which implements this
/// (finding the platform's ingest principal, or creating one so that its creation is in the ledger).
/// </summary>
public interface IImportCallers
{
    /// <summary>The caller for <paramref name="platform"/>.</summary>
    /// <param name="platform">The submitting trading platform, as <c>project.json</c> names it.</param>
    /// <param name="ct">Cancels the lookup.</param>
    /// <returns>An ingest caller whose platform is <paramref name="platform"/>.</returns>
    Task<IngestCaller> ForPlatformAsync(string platform, CancellationToken ct);
}
