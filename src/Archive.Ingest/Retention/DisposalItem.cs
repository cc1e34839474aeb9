namespace Archive.Ingest.Retention;

/// <summary>One item a disposal covers on its own (an item whose retention ended before its version's).</summary>
/// <param name="ProjectCode">The project.</param>
/// <param name="Version">The version holding the item.</param>
/// <param name="Path">The item's path in that version.</param>
public sealed record DisposalItem(string ProjectCode, int Version, string Path);
