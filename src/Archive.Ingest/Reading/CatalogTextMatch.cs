namespace Archive.Ingest.Reading;

/// <summary>Where a full-text search matched in a project: the item and a short snippet around the match.</summary>
/// <param name="Version">The version holding the item (the highest that matches).</param>
/// <param name="Path">The item's path.</param>
/// <param name="Snippet">About 30 characters either side of the match, personal identifiers masked.</param>
public sealed record CatalogTextMatch(int Version, string Path, string Snippet);
