namespace Archive.Ingest.Transfer;

/// <summary>The archivist exporting a transfer (移交人).</summary>
/// <param name="Id">The principal's id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Organization">Its organisation (移交单位), if recorded.</param>
public sealed record TransferActor(Guid Id, string Name, string? Organization);
