namespace Archive.Storage.Internal;

internal static class StreamExtensions
{
    /// <summary>Reads until the buffer is full or the stream ends; returns the bytes read.</summary>
    public static Task<int> ReadFullAsync(this Stream source, byte[] buffer, CancellationToken cancellationToken) =>
        source.ReadFullAsync(buffer, buffer.Length, cancellationToken);

    /// <summary>Reads until <paramref name="count"/> bytes are in the buffer or the stream ends; returns the bytes read.</summary>
    public static async Task<int> ReadFullAsync(this Stream source, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < count && (read = await source.ReadAsync(buffer.AsMemory(total, count - total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }
        return total;
    }
}
