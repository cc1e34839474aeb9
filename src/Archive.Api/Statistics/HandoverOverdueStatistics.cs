using Archive.Ingest.Handover;
using NodaTime;

namespace Archive.Api.Statistics;

/// <summary>The 统计报表's overdue figure from the handover monitoring: projects that became overdue in the period.</summary>
/// <param name="reports">The handover monitoring's queries.</param>
internal sealed class HandoverOverdueStatistics(HandoverReports reports) : IOverdueStatistics
{
    public Task<IReadOnlyCollection<string>> OverdueProjectsAsync(Instant from, Instant to, CancellationToken ct) =>
        reports.OverdueProjectCodesAsync(from, to, ct);
}
