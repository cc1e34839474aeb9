namespace Archive.Storage.Internal;

internal static class StreamExtensions
{
    /// <summary>Reads until the buffer is full or the stream ends; returns the bytes read.</summary>
    public static async Task<int> ReadFullAsync(this Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await source.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }
        return total;
    }
}
