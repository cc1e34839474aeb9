using System.Runtime.InteropServices;

namespace Archive.Storage.Internal;

/// <summary>
/// fsync of a directory, so that a rename into it survives a crash. .NET cannot open a directory as a
/// file, hence the libc calls; where they are unavailable (Windows) this is a no-op.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY: enough to fsync a directory on Linux

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            return;
        }
        try
        {
            // Some file systems refuse fsync on directories (EINVAL); the rename is then as durable as they allow.
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
