using Archive.Ingest.Reading;
using Archive.Integrity.Manifests;
using NodaTime;

namespace Archive.Ingest.Handover;

/// <summary>One project of the 未归档情况报告: past its archiving deadline with required items still missing.</summary>
/// <param name="ProjectCode">The project code.</param>
/// <param name="Name">The project name.</param>
/// <param name="Category">The trading category slug.</param>
/// <param name="Platform">The trading platform responsible for handing over.</param>
/// <param name="Region">The region code, if known.</param>
/// <param name="DueDate">The archiving deadline that passed (the latest one noticed).</param>
/// <param name="NoticedAt">When the <c>submission.overdue</c> entry was appended.</param>
/// <param name="LedgerIndex">That entry's index.</param>
/// <param name="Missing">The required items still missing, each with the time it has been missing since.</param>
/// <param name="Reminders">Every reminder sent for the project, oldest first.</param>
/// <param name="Gaps">Reasons recorded by archivists for items sealed as gaps (缺件说明), if any.</param>
public sealed record OverdueProjectReport(
    string ProjectCode, string Name, string Category, string Platform, string? Region, LocalDate DueDate, Instant NoticedAt, long LedgerIndex,
    IReadOnlyList<OutstandingItem> Missing, IReadOnlyList<Reminder> Reminders, IReadOnlyList<ManifestGap> Gaps);
