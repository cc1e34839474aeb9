namespace Archive.Ingest.Submissions;

/// <summary>The trading system calling the ingest API: its principal and its platform (organisation).</summary>
/// <param name="PrincipalId">The ingest principal.</param>
/// <param name="Platform">Its organisation; only this platform may touch its submissions.</param>
public sealed record IngestCaller(Guid PrincipalId, string Platform);
