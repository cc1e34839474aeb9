namespace Archive.Integrity.Ledger.Audit;

/// <summary>The result of one ledger self-audit (账本自检).</summary>
/// <param name="Size">The number of consecutive entries found from index 0.</param>
/// <param name="CheckpointsChecked">How many stored checkpoints were checked.</param>
/// <param name="WitnessedTreeSize">The size of the newest checkpoint witnessed outside the database, if any.</param>
/// <param name="Findings">Every disagreement, in the order found.</param>
public sealed record LedgerAuditReport(long Size, int CheckpointsChecked, long? WitnessedTreeSize, IReadOnlyList<LedgerAuditFinding> Findings)
{
    /// <summary>Whether nothing disagreed.</summary>
    public bool Passed => Findings.Count == 0;

    /// <summary>
    /// The first entry that is not what was appended: the lowest index an entry-level finding (entries against stored
    /// hashes) names; failing those, the lowest index a checkpoint or witness finding names (the start of the range
    /// the first failing signed root covers beyond the last good one).
    /// </summary>
    public long? FirstBadIndex =>
        Lowest(Findings.Where(f => f.Kind.StartsWith("entry.", StringComparison.Ordinal) || f.Kind.StartsWith("hashes.", StringComparison.Ordinal)))
        ?? Lowest(Findings);

    private static long? Lowest(IEnumerable<LedgerAuditFinding> findings) => findings.Select(f => f.Index).Where(i => i is not null).Min();

    /// <summary>Whether the database contradicts the witness outside it (restored from an older backup, or rewritten).</summary>
    public bool Critical => Findings.Any(f => f.Kind.StartsWith("witness.", StringComparison.Ordinal));
}
