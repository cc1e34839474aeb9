using Archive.Storage;

namespace Archive.Api.Hosting;

/// <summary>
/// What one copy's store enforces for sealed objects, as detected against the live backend: <see cref="Worm"/> when the
/// backend itself retains them (S3 Object Lock, Azure immutability policy), <see cref="WriteOnce"/> when at least the
/// store refuses or survives overwriting them (the filesystem store's read-only files count here, not as WORM).
/// </summary>
/// <param name="Name">The copy: <c>online</c> or <c>offline</c>.</param>
/// <param name="Worm">Whether the backend enforces retention (write once, read many).</param>
/// <param name="WriteOnce">Whether sealed objects are protected from being overwritten at all.</param>
public sealed record CopyProtection(string Name, bool Worm, bool WriteOnce)
{
    /// <summary>Both copies' protection; a store that cannot be asked now reports neither.</summary>
    /// <param name="online">The online store.</param>
    /// <param name="offline">The offline store.</param>
    /// <param name="ct">Cancels the detection.</param>
    public static async Task<IReadOnlyList<CopyProtection>> OfAsync(IObjectStore online, IObjectStore offline, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(online);
        ArgumentNullException.ThrowIfNull(offline);
        return [await OfAsync(StoreNames.Online, online, ct), await OfAsync(StoreNames.Offline, offline, ct)];
    }

    private static async Task<CopyProtection> OfAsync(string name, IObjectStore store, CancellationToken ct)
    {
        try
        {
            var capabilities = await store.GetCapabilitiesAsync(ct);
            return new CopyProtection(name, capabilities.Worm, capabilities.WriteOnce);
        }
        catch (StorageException)
        {
            // Never claim a lock that could not be confirmed.
            return new CopyProtection(name, false, false);
        }
    }
}
