using Archive.Ingest.Metadata;
using Archive.Ingest.Submissions;

namespace Archive.Ingest.Import;

/// <summary>
/// The ingest caller an import acts as for a trading platform. Principals belong to the host, which implements this
/// (finding the platform's ingest principal, or creating one so that its creation is in the ledger).
/// </summary>
public interface IImportCallers
{
    /// <summary>
    /// The caller for <paramref name="platform"/>, bound (on the operator's authority, in the ledger) to
    /// <paramref name="code"/> when it was not already.
    /// </summary>
    /// <param name="platform">The submitting trading platform, as <c>project.json</c> names it.</param>
    /// <param name="code">The project about to be imported.</param>
    /// <param name="ct">Cancels the lookup.</param>
    /// <returns>An ingest caller whose platform is <paramref name="platform"/> and that owns <paramref name="code"/>.</returns>
    Task<IngestCaller> ForProjectAsync(string platform, ProjectCode code, CancellationToken ct);
}
