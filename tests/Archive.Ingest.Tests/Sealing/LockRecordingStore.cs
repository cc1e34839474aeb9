using Archive.Storage;

namespace Archive.Ingest.Tests.Sealing;

/// <summary>
/// A real filesystem store that reports a chosen retention (and write-once) capability and records the lock each put asked for
/// (no emulator here offers object lock: s3rver refuses it). Everything else goes to the wrapped store.
/// </summary>
internal sealed class LockRecordingStore(IObjectStore inner, bool retention) : IObjectStore
{
    public Dictionary<string, DateTimeOffset?> PutLocks { get; } = new(StringComparer.Ordinal);

    public List<string> Copies { get; } = [];

    public async Task<StoredObject> PutAsync(string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        lock (PutLocks)
        {
            PutLocks[key] = options?.RetainUntil;
        }

        return await inner.PutAsync(key, content, options, cancellationToken);
    }

    public Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        lock (Copies)
        {
            Copies.Add(destinationKey);
        }

        return inner.CopyAsync(sourceKey, destinationKey, cancellationToken);
    }

    public async Task<StoreCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken) =>
        (await inner.GetCapabilitiesAsync(cancellationToken)) with { Retention = retention, WriteOnce = retention };

    public Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken) => inner.GetAsync(key, range, cancellationToken);

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken) => inner.StatAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => inner.IsHealthyAsync(cancellationToken);

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => inner.EnsureReadyAsync(cancellationToken);
}
