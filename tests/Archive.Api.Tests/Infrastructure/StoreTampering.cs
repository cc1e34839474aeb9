using Archive.Storage;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// Damage to an object the way an operator's mistake or an attacker would do it, through the store's own protocol, so
/// that the same test tampers with a folder, an s3rver bucket or an Azurite container alike.
/// </summary>
public static class StoreTampering
{
    /// <summary>Flips the lowest bit of the byte at <paramref name="at"/>.</summary>
    public static Task FlipByteAsync(IObjectStore store, string key, long at) => RewriteAsync(store, key, bytes =>
    {
        bytes[at] ^= 0x01;
        return bytes;
    });

    /// <summary>Cuts the object to its first <paramref name="length"/> bytes.</summary>
    public static Task TruncateAsync(IObjectStore store, string key, int length) => RewriteAsync(store, key, bytes => bytes[..length]);

    /// <summary>Replaces the object by another one of the same size (its bytes reversed).</summary>
    public static Task SwapSameSizeAsync(IObjectStore store, string key) => RewriteAsync(store, key, bytes => [.. bytes.Reverse()]);

    /// <summary>Deletes the object.</summary>
    public static Task DeleteAsync(IObjectStore store, string key) => store.DeleteAsync(key, CancellationToken.None);

    /// <summary>The object's bytes.</summary>
    public static async Task<byte[]> ReadAsync(IObjectStore store, string key)
    {
        await using var stream = await store.GetAsync(key, null, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The one key under <paramref name="prefix"/> that ends with <paramref name="suffix"/>.</summary>
    public static async Task<string> SingleKeyAsync(IObjectStore store, string prefix, string suffix)
    {
        var keys = new List<string>();
        await foreach (var item in store.ListAsync(prefix, CancellationToken.None))
        {
            if (item.Key.EndsWith(suffix, StringComparison.Ordinal))
            {
                keys.Add(item.Key);
            }
        }

        return Assert.Single(keys);
    }

    /// <summary>Puts <paramref name="bytes"/> under <paramref name="key"/>, replacing even a write-once (sealed) object, as damage would.</summary>
    public static async Task ReplaceAsync(IObjectStore store, string key, byte[] bytes)
    {
        using var content = new MemoryStream(bytes);
        await store.PutAsync(key, content, new PutOptions { ReplaceRetained = true }, CancellationToken.None);
    }

    private static async Task RewriteAsync(IObjectStore store, string key, Func<byte[], byte[]> change) =>
        await ReplaceAsync(store, key, change(await ReadAsync(store, key)));
}
