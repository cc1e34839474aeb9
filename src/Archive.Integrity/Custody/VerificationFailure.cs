namespace Archive.Integrity.Custody;

/// <summary>One object that failed in a run.</summary>
/// <param name="Project">The project.</param>
/// <param name="Version">The version.</param>
/// <param name="Copy">The copy.</param>
/// <param name="Path">The item path or bag file.</param>
/// <param name="Kind">A <see cref="FailureKind"/>.</param>
/// <param name="Repaired">Whether it was repaired.</param>
/// <param name="Lost">Whether both copies were bad.</param>
/// <param name="LedgerIndex">Its last <c>copy.*</c> ledger entry.</param>
public sealed record VerificationFailure(string Project, int Version, CopyKind Copy, string Path, string Kind, bool Repaired, bool Lost, long? LedgerIndex);
