namespace Archive.Storage;

/// <summary>
/// The one deliberate path that deletes sealed objects: disposal at the end of retention (销毁). It refuses while the
/// store still holds a retention lock on the object, so a disposal waits for the lock rather than fighting it.
/// </summary>
public static class RetainedObjects
{
    /// <summary>Deletes <paramref name="key"/> once its retention lock (if any) has ended; deleting nothing is not an error.</summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The object key.</param>
    /// <param name="now">The current instant, from the caller's clock.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the object is gone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ObjectStillRetainedException">The store keeps the object locked after <paramref name="now"/>; nothing was deleted.</exception>
    /// <exception cref="InvalidObjectKeyException">The key is not valid.</exception>
    public static async Task DeleteExpiredAsync(this IObjectStore store, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetRetainedUntilAsync(key, cancellationToken).ConfigureAwait(false) is { } until && until > now)
        {
            throw new ObjectStillRetainedException(key, until);
        }

        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }
}
