using NodaTime;

namespace Archive.Ingest.Handover;

/// <summary>A reminder (催交) sent to a trading platform because one of its projects passed its archiving deadline with items missing.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ProjectCode">The project.</param>
/// <param name="Platform">The platform reminded (its ingest principals see it).</param>
/// <param name="DueDate">The archiving deadline that passed.</param>
/// <param name="Message">The reminder text, in Chinese.</param>
/// <param name="MissingRoles">The required roles missing when it was sent.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="LedgerIndex">The <c>submission.overdue</c> entry that records it.</param>
public sealed record Reminder(
    long Id, string ProjectCode, string Platform, LocalDate DueDate, string Message, IReadOnlyList<string> MissingRoles, Instant SentAt, long LedgerIndex);
