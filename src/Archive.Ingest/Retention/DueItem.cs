using NodaTime;

namespace Archive.Ingest.Retention;

/// <summary>An item whose own retention (保管期限) ends before a date while its version's does not (到期待鉴定的条目).</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="Version">The version holding the item.</param>
/// <param name="Path">The item's path.</param>
/// <param name="Role">The item's role.</param>
/// <param name="SealedUntil">The item's end of retention recorded at seal.</param>
/// <param name="RetainUntil">The effective end (a "keep" decision may have moved it).</param>
/// <param name="ActiveHolds">How many legal holds are in force on the project.</param>
/// <param name="AppraisalEntry">The <c>appraisal.opened</c> ledger index for this end, once the daily job opened it.</param>
public sealed record DueItem(string ProjectCode, int Version, string Path, string Role, LocalDate SealedUntil, LocalDate RetainUntil, long ActiveHolds, long? AppraisalEntry);
