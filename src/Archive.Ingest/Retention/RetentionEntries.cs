namespace Archive.Ingest.Retention;

/// <summary>The ledger entry types of the lifecycle after sealing (CONTRACT §9).</summary>
public static class RetentionEntries
{
    /// <summary>A legal hold (法律冻结/保全) placed on a project.</summary>
    public const string HoldPlaced = "hold.placed";

    /// <summary>A legal hold released.</summary>
    public const string HoldReleased = "hold.released";

    /// <summary>An appraisal (鉴定) opened for a version whose retention ended (once per version and end date).</summary>
    public const string AppraisalOpened = "appraisal.opened";

    /// <summary>An archivist proposed the disposal of projects; the appraisal group decides it.</summary>
    public const string DisposalProposed = "disposal.proposed";

    /// <summary>One approver's decision in an appraisal group: keep (with a new end) or dispose.</summary>
    public const string AppraisalDecided = "appraisal.decided";

    /// <summary>The tombstone of a disposed version: every digest, size, the decision references and who decided.</summary>
    public const string Disposed = "retention.disposed";
}
