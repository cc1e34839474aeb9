using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>A legal hold (法律冻结/保全) on a project: while it is active the project is never disposed.</summary>
/// <param name="Id">The hold's id.</param>
/// <param name="ProjectCode">The held project.</param>
/// <param name="Reason">Why (e.g. 纪检监察调查).</param>
/// <param name="Reference">The case or document number.</param>
/// <param name="PlacedBy">Who placed it.</param>
/// <param name="PlacedAt">When.</param>
/// <param name="PlacedEntry">The <c>hold.placed</c> ledger index.</param>
/// <param name="ReleasedAt">When it was released, or null while active.</param>
/// <param name="ReleasedEntry">The <c>hold.released</c> ledger index, or null.</param>
public sealed record LegalHold(
    Guid Id, string ProjectCode, string Reason, string Reference, string PlacedBy, Instant PlacedAt, long PlacedEntry, Instant? ReleasedAt, long? ReleasedEntry)
{
    /// <summary>Whether the hold is still in force.</summary>
    public bool Active => ReleasedAt is null;
}
