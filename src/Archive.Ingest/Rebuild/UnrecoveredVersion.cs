namespace Archive.Ingest.Rebuild;

/// <summary>A sealed version the rebuild could not put back into the catalogue, and why (Chinese, for the report).</summary>
/// <param name="Project">The project code.</param>
/// <param name="Version">The version.</param>
/// <param name="Code">A stable code, e.g. <c>rebuild.bag-missing</c>.</param>
/// <param name="Reason">The reason, in Chinese.</param>
public sealed record UnrecoveredVersion(string Project, int Version, string Code, string Reason);
