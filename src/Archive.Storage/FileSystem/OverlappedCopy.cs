using Archive.Storage.Internal;

namespace Archive.Storage.FileSystem;

/// <summary>Writes a put's content to its file with two buffers, so that reading (and hashing) overlaps writing.</summary>
internal static class OverlappedCopy
{
    private const int BufferSize = 1024 * 1024;

    public static async Task CopyAsync(Stream source, FileStream destination, CancellationToken cancellationToken)
    {
        // Two buffers: the next read (and its hashing) overlaps the previous write.
        var buffers = new[] { new byte[BufferSize], new byte[BufferSize] };
        var pending = Task.CompletedTask;
        for (var i = 0; ; i ^= 1)
        {
            var read = await source.ReadFullAsync(buffers[i], cancellationToken).ConfigureAwait(false);
            await pending.ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }
            pending = FileSystemErrors.RunAsync(destination.WriteAsync(buffers[i].AsMemory(0, read), cancellationToken).AsTask(), "write a file");
        }
    }
}
