using NodaTime;

namespace Archive.Ingest.Metadata;

/// <summary>The milestone dates of a project (Asia/Shanghai calendar dates); each may be absent.</summary>
/// <param name="Announcement">Publication of the notice (公告发布).</param>
/// <param name="Opening">Bid opening or auction (开标/竞价).</param>
/// <param name="Award">Award or deal (中标/成交).</param>
/// <param name="Completion">Completion of the project or transaction (项目完成/交易结束).</param>
public sealed record ProjectDates(
    LocalDate? Announcement = null, LocalDate? Opening = null, LocalDate? Award = null, LocalDate? Completion = null);
