using NodaTime;

namespace Archive.Ingest.Reading;

/// <summary>
/// A required item the project owner has not handed over (未移交的必备归档材料), reportable to the supervising
/// department (seed §5.6.6). Open from the first seal attempt that reported it missing until a seal attempt passes its checks.
/// </summary>
/// <param name="Role">The checklist role slug.</param>
/// <param name="Message">The seal check's message naming the item, in Chinese.</param>
/// <param name="Since">When it was first reported missing.</param>
/// <param name="LastReportedAt">When a seal attempt last reported it missing.</param>
/// <param name="Attempts">How many seal attempts reported it missing.</param>
public sealed record OutstandingItem(string Role, string Message, Instant Since, Instant LastReportedAt, int Attempts);
