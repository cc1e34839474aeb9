using NodaTime;

namespace Archive.Integrity.Custody;

/// <summary>One verification run (校验任务) as CONTRACT §8 shows it.</summary>
/// <param name="Id">The run.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</param>
/// <param name="Trigger"><c>manual</c> or <c>scheduled</c>.</param>
/// <param name="Copies">The copies it checks.</param>
/// <param name="Projects">The projects it is limited to, or null for all.</param>
/// <param name="CreatedAt">When it was asked for.</param>
/// <param name="StartedAt">When its work list was fixed.</param>
/// <param name="CompletedAt">When it completed.</param>
/// <param name="Planned">How many objects its work list holds.</param>
/// <param name="ObjectsChecked">Objects checked so far.</param>
/// <param name="BytesChecked">Bytes read so far.</param>
/// <param name="Repaired">Objects repaired.</param>
/// <param name="Lost">Objects lost in both copies.</param>
/// <param name="LedgerIndex">Its <c>verification.completed</c> entry.</param>
/// <param name="ReportSha256">SHA-256 of its report document.</param>
/// <param name="Failures">The objects that failed.</param>
public sealed record VerificationRun(
    Guid Id,
    string Status,
    string Trigger,
    IReadOnlyList<CopyKind> Copies,
    IReadOnlyList<string>? Projects,
    Instant CreatedAt,
    Instant? StartedAt,
    Instant? CompletedAt,
    long Planned,
    long ObjectsChecked,
    long BytesChecked,
    int Repaired,
    int Lost,
    long? LedgerIndex,
    string? ReportSha256,
    IReadOnlyList<VerificationFailure> Failures);
