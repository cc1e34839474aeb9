namespace Archive.Storage;

/// <summary>What a store can do, as detected against the live backend (never assumed).</summary>
/// <param name="Retention">
/// Objects can be made immutable until a date (S3 object lock, Azure immutability policy):
/// <see cref="PutOptions.RetainUntil"/> is applied and enforced by the backend (WORM).
/// </param>
/// <param name="ServerSideCopy"><see cref="IObjectStore.CopyAsync"/> copies inside the backend, not through this process.</param>
/// <param name="ContentMetadata">Content type and SHA-256 given at put time come back from stat and listing.</param>
/// <param name="WriteOnce">
/// Objects written with <see cref="PutOptions.RetainUntil"/> survive a later write to their key: the backend keeps the
/// retained version (<paramref name="Retention"/>), or the filesystem store makes the file read-only and refuses the
/// write (<see cref="ObjectRetainedException"/>) — which the machine's administrator can still undo: not WORM.
/// </param>
public sealed record StoreCapabilities(bool Retention, bool ServerSideCopy, bool ContentMetadata, bool WriteOnce = false)
{
    /// <summary>Whether the backend itself enforces retention (write once, read many): what <c>worm</c> reports.</summary>
    public bool Worm => Retention;
}
