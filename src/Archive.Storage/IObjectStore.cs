namespace Archive.Storage;

/// <summary>
/// The object-storage port: streaming puts that digest while they write, ranged reads, stat, listing,
/// server-side copy and deletion. Every method validates (and NFC-normalises) every key with
/// <see cref="ObjectKey"/>; a put is never visible under its key until it is complete and verified.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Streams <paramref name="content"/> (read once, to its end) into the store under <paramref name="key"/>,
    /// computing size, SHA-256 and SM3 in the same pass. An existing object under the key is replaced atomically.
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="content">The content, read from its current position to its end.</param>
    /// <param name="options">Content type, expected SHA-256, length and retention; optional.</param>
    /// <param name="cancellationToken">Cancels the write; nothing becomes visible under the key.</param>
    /// <returns>The stored key and the digests of the stored bytes.</returns>
    /// <exception cref="InvalidObjectKeyException">The key is not valid.</exception>
    /// <exception cref="DigestMismatchException">The content does not have the expected SHA-256; nothing was stored.</exception>
    /// <exception cref="ContentLengthMismatchException">The content does not have the announced length; nothing was stored.</exception>
    Task<StoredObject> PutAsync(string key, Stream content, PutOptions? options, CancellationToken cancellationToken);

    /// <summary>Opens an object (or a range of it) for streaming reading; the caller disposes the stream.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="range">The bytes to read, or <see langword="null"/> for all of them.</param>
    /// <param name="cancellationToken">Cancels opening the object.</param>
    /// <returns>A read-only stream of the requested bytes.</returns>
    /// <exception cref="InvalidObjectKeyException">The key is not valid.</exception>
    /// <exception cref="ObjectNotFoundException">No object exists under the key.</exception>
    /// <exception cref="RangeNotSatisfiableException">The range starts at or beyond the end of the object.</exception>
    Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken);

    /// <summary>Reports size, time, content type and recorded SHA-256 of an object.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The object's information, or <see langword="null"/> when no object exists under the key.</returns>
    /// <exception cref="InvalidObjectKeyException">The key is not valid.</exception>
    Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Lists every object whose key starts with <paramref name="prefix"/> (a plain string prefix, not only
    /// whole segments), in no particular order, page by page without holding the whole listing.
    /// </summary>
    /// <param name="prefix">The key prefix; empty for all objects.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The objects found.</returns>
    /// <exception cref="InvalidObjectKeyException">The prefix could never start a valid key.</exception>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Copies an object to another key, inside the backend where it can (see
    /// <see cref="StoreCapabilities.ServerSideCopy"/>); the destination appears complete or not at all.
    /// </summary>
    /// <param name="sourceKey">The key to copy from.</param>
    /// <param name="destinationKey">The key to copy to; an existing object there is replaced.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>A task that completes when the copy is visible.</returns>
    /// <exception cref="InvalidObjectKeyException">A key is not valid.</exception>
    /// <exception cref="ObjectNotFoundException">No object exists under the source key.</exception>
    Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting a key that holds nothing is not an error (retries are safe).</summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is gone.</returns>
    /// <exception cref="InvalidObjectKeyException">The key is not valid.</exception>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Discards what interrupted puts (a killed process) left under <paramref name="prefix"/>: partial bytes that were
    /// never visible as objects. Call it only when no put under the prefix may still be running (a put that is would
    /// fail). Backends whose partial writes are not kept, or are expired by the service itself, do nothing.
    /// </summary>
    /// <param name="prefix">The key prefix, as for <see cref="ListAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the leftovers are gone.</returns>
    /// <exception cref="InvalidObjectKeyException">The prefix could never start a valid key.</exception>
    Task DiscardPartialWritesAsync(string prefix, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Until when the backend keeps the object retained: the S3 object lock's retain-until date, the Azure immutability
    /// policy's expiry, or the seal date of the filesystem store. <see langword="null"/> when the object holds no lock
    /// this store can report (or does not exist). Disposal at the end of retention deletes only once this has passed
    /// (<see cref="RetainedObjects.DeleteExpiredAsync"/>).
    /// </summary>
    /// <param name="key">The object key.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instant the lock ends, or null.</returns>
    /// <exception cref="InvalidObjectKeyException">The key is not valid.</exception>
    Task<DateTimeOffset?> GetRetainedUntilAsync(string key, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    /// <summary>Detects (once, then caches) what the backend can do.</summary>
    /// <param name="cancellationToken">Cancels the detection.</param>
    /// <returns>The store's capabilities.</returns>
    Task<StoreCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken);

    /// <summary>Checks that the store answers and its bucket, container or folder exists; never throws for that.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when the store is usable.</returns>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Creates the bucket, container or root folder when it is missing (idempotent).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    Task EnsureReadyAsync(CancellationToken cancellationToken);
}
