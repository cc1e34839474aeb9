namespace Archive.Ingest.Policies;

/// <summary>The events a retention period may start at (the <c>startsAt</c> values of policy files).</summary>
public static class RetentionEvents
{
    /// <summary>Project completion (项目竣工/完成).</summary>
    public const string ProjectCompletion = "project-completion";

    /// <summary>End of procurement (采购结束).</summary>
    public const string ProcurementEnd = "procurement-end";

    /// <summary>Publication of a notice (公告/公示发布).</summary>
    public const string Publication = "publication";

    /// <summary>End of the transaction (交易结束).</summary>
    public const string TransactionEnd = "transaction-end";

    /// <summary>Every known event slug.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ProjectCompletion, ProcurementEnd, Publication, TransactionEnd];
}
