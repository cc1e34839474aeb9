namespace Archive.Storage;

/// <summary>What a store can do, as detected against the live backend (never assumed).</summary>
/// <param name="Retention">
/// Objects can be made immutable until a date (S3 object lock, Azure immutability policy):
/// <see cref="PutOptions.RetainUntil"/> is applied and enforced by the backend (WORM).
/// </param>
/// <param name="ServerSideCopy"><see cref="IObjectStore.CopyAsync"/> copies inside the backend, not through this process.</param>
/// <param name="ContentMetadata">Content type and SHA-256 given at put time come back from stat and listing.</param>
public sealed record StoreCapabilities(bool Retention, bool ServerSideCopy, bool ContentMetadata);
