namespace Archive.Ingest.Submissions;

/// <summary>The states of a submission (CONTRACT §3).</summary>
public static class SubmissionStatus
{
    /// <summary>Accepting items.</summary>
    public const string Open = "open";

    /// <summary>Checked and handed to the sealing job; no more changes.</summary>
    public const string Sealing = "sealing";

    /// <summary>Sealed, with both copies written and confirmed.</summary>
    public const string Archived = "archived";

    /// <summary>Abandoned: never sealed, its staged bytes removed.</summary>
    public const string Rejected = "rejected";
}
