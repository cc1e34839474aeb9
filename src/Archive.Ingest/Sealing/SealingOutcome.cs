namespace Archive.Ingest.Sealing;

/// <summary>How one run of <see cref="SealingJob"/> ended.</summary>
public enum SealingOutcome
{
    /// <summary>This run archived the submission.</summary>
    Archived,

    /// <summary>The submission was archived already (by an earlier or concurrent run); nothing changed.</summary>
    AlreadyArchived,

    /// <summary>No such submission, or it is open or rejected: nothing to seal.</summary>
    NotSealing,

    /// <summary>Another worker holds the submission's sealing lock; that run finishes it.</summary>
    Busy,

    /// <summary>The run stopped after the step it was asked to stop at (tests of resumption).</summary>
    Stopped,

    /// <summary>Nothing was sealed and the submission was rejected with a problem (e.g. staged bytes gone).</summary>
    Rejected,

    /// <summary>A failure retrying will not heal; the submission stays in <c>sealing</c> with the problem recorded.</summary>
    NeedsOperator,
}
