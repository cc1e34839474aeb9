namespace Archive.Ingest.Retention;

/// <summary>The principal acting on holds, proposals and appraisal decisions.</summary>
/// <param name="Id">The principal's id.</param>
/// <param name="Name">Its display name (recorded in entries and the 销毁清册).</param>
/// <param name="Role">Its role slug (<c>archivist</c>, <c>approver</c>).</param>
public sealed record RetentionActor(Guid Id, string Name, string Role);
