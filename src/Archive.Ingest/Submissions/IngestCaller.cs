namespace Archive.Ingest.Submissions;

/// <summary>The trading system calling the ingest API: its principal, its platform (organisation) and the codes it owns.</summary>
/// <param name="PrincipalId">The ingest principal.</param>
/// <param name="Platform">Its organisation; only this platform may touch its submissions.</param>
/// <param name="Codes">The project codes the platform may submit; others are refused (<c>submission.code-not-owned</c>).</param>
public sealed record IngestCaller(Guid PrincipalId, string Platform, CodeOwnership Codes);
