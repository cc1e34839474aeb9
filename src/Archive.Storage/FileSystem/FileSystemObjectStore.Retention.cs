namespace Archive.Storage.FileSystem;

/// <summary>The filesystem store's retention date: a sealed file's modification time (as SnapLock uses a time stamp).</summary>
public sealed partial class FileSystemObjectStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// A file sealed with <see cref="PutOptions.RetainUntil"/> carries that instant as its modification time (a sealed
    /// file is never written again, so nothing else moves it); files sealed before that convention report their write
    /// time, already past. Unsealed files report null.
    /// </remarks>
    public Task<DateTimeOffset?> GetRetainedUntilAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        var path = Resolve(key);
        EnsureNoLinks(key, path);
        return Task.FromResult(SealDate(path));
    }

    private static DateTimeOffset? SealDate(string path) =>
        FileSystemErrors.Run(() => FileModes.IsSealed(path), "inspect a file")
            ? new DateTimeOffset(FileSystemErrors.Run(() => File.GetLastWriteTimeUtc(path), "inspect a file"), TimeSpan.Zero)
            : null;
}
