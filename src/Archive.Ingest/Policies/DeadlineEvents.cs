namespace Archive.Ingest.Policies;

/// <summary>The milestones an archiving deadline may count from (the <c>archivingDeadline.startsAt</c> values).</summary>
public static class DeadlineEvents
{
    /// <summary>Completion of the project or transaction (<c>dates.completion</c>).</summary>
    public const string Completion = "completion";

    /// <summary>Award or deal (<c>dates.award</c>).</summary>
    public const string Award = "award";

    /// <summary>Every known milestone slug.</summary>
    public static IReadOnlyList<string> All { get; } = [Completion, Award];
}
