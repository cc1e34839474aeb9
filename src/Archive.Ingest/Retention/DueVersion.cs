using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>A sealed version whose retention ends before a date (到期待鉴定).</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="Version">The version.</param>
/// <param name="SealedUntil">The end of retention recorded at seal.</param>
/// <param name="RetainUntil">The effective end (a "keep" decision may have moved it).</param>
/// <param name="ActiveHolds">How many legal holds are in force on the project.</param>
/// <param name="AppraisalEntry">The <c>appraisal.opened</c> ledger index for this end, once the daily job opened it.</param>
public sealed record DueVersion(string ProjectCode, int Version, LocalDate SealedUntil, LocalDate RetainUntil, long ActiveHolds, long? AppraisalEntry);
