using Archive.Integrity.Custody;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Verification;

/// <summary>A verification run as <c>GET /api/v1/verification/runs/{id}</c> answers it (CONTRACT §8).</summary>
public sealed record VerificationRunView(
    Guid Id, string Status, string Trigger, IReadOnlyList<string> Copies, IReadOnlyList<string>? Projects, string CreatedAt, string? StartedAt,
    string? CompletedAt, long ObjectsPlanned, long ObjectsChecked, long BytesChecked, IReadOnlyList<VerificationFailureView> Failures,
    int Repaired, int Lost, long? LedgerIndex, string? ReportSha256)
{
    /// <summary>The view of a run.</summary>
    /// <param name="run">The run.</param>
    public static VerificationRunView Of(VerificationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.Status, run.Trigger, run.Copies.Select(CopyNames.Of).ToList(), run.Projects, Iso(run.CreatedAt), IsoOrNull(run.StartedAt),
            IsoOrNull(run.CompletedAt), run.Planned, run.ObjectsChecked, run.BytesChecked,
            run.Failures.Select(f => new VerificationFailureView(f.Project, f.Version, CopyNames.Of(f.Copy), f.Path, f.Kind, f.Repaired, f.Lost, f.LedgerIndex)).ToList(),
            run.Repaired, run.Lost, run.LedgerIndex, run.ReportSha256);
    }

    private static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static string? IsoOrNull(Instant? instant) => instant is { } i ? Iso(i) : null;
}
