namespace Archive.Integrity.Ledger.Audit;

/// <summary>One disagreement the ledger audit found.</summary>
/// <param name="Kind">A stable code: <c>entry.missing</c>, <c>entry.changed</c>, <c>hashes.extra</c>, <c>checkpoint.signature</c>,
/// <c>checkpoint.root</c>, <c>checkpoint.beyond-log</c>, <c>checkpoint.inconsistent</c>, <c>witness.ahead</c>, <c>witness.root</c>.</param>
/// <param name="Index">The first entry index the finding concerns, when it names one.</param>
/// <param name="Message">What disagreed (for operators; in English, like logs).</param>
public sealed record LedgerAuditFinding(string Kind, long? Index, string Message);
