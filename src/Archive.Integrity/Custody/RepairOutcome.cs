namespace Archive.Integrity.Custody;

/// <summary>What <see cref="CopyRepairer"/> found and did for one object.</summary>
/// <param name="Failure">The <see cref="FailureKind"/> found, or null when the object verified (nothing to repair).</param>
/// <param name="Repaired">Whether the object was rewritten from the other copy and then verified.</param>
/// <param name="Lost">Whether the other copy was bad too (<c>copy.lost</c>).</param>
/// <param name="BytesRead">Bytes read from the checked copy.</param>
/// <param name="LedgerIndex">The index of the last ledger entry appended, if any.</param>
public sealed record RepairOutcome(string? Failure, bool Repaired, bool Lost, long BytesRead, long? LedgerIndex);
