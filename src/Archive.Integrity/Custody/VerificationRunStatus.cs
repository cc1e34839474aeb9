namespace Archive.Integrity.Custody;

/// <summary>The states of a <see cref="VerificationRun"/>.</summary>
public static class VerificationRunStatus
{
    /// <summary>Asked for; its work list is not fixed yet.</summary>
    public const string Queued = "queued";

    /// <summary>Being worked on (possibly by several processes).</summary>
    public const string Running = "running";

    /// <summary>Every object checked; the ledger entry appended.</summary>
    public const string Completed = "completed";

    /// <summary>Given up.</summary>
    public const string Failed = "failed";
}
