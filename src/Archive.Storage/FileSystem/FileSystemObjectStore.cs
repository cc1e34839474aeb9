using System.Runtime.CompilerServices;
using Archive.Core.Streams;
using Archive.Storage.Digests;
using Archive.Storage.Internal;

namespace Archive.Storage.FileSystem;

/// <summary>
/// An <see cref="IObjectStore"/> on a local folder: each key is a file under the root, so a folder written
/// through it (a BagIt bag for optical media, say) holds exactly the objects and nothing else once puts finish.
/// Puts write a temporary file next to the target, fsync it, rename it over the target and fsync the folder;
/// a crash leaves the old object or the new one, plus at worst a hidden <c>.~put-*</c> file that listing skips.
/// Keys never leave the root: the resolved path is checked, and symbolic links on the way are refused.
/// No content type or digest metadata is kept (<see cref="StoreCapabilities.ContentMetadata"/> is false).
/// On Unix every file is created 0600 and every folder 0700. An object put with <see cref="PutOptions.RetainUntil"/>
/// is sealed: its file is made read-only (0400) before it appears under its key, and a later put or copy to that key
/// is refused unless it is a repair (<see cref="PutOptions.ReplaceRetained"/>). That protects against the archive's
/// own mistakes, not against the machine's administrator, so <see cref="StoreCapabilities.Retention"/> stays false.
/// A sealed file's modification time is its retain-until (<see cref="GetRetainedUntilAsync"/>).
/// </summary>
public sealed partial class FileSystemObjectStore : IObjectStore
{
    internal const string TempPrefix = ".~put-";
    private static readonly StoreCapabilities Capabilities = new(Retention: false, ServerSideCopy: true, ContentMetadata: false, WriteOnce: true);
    private readonly string _root;

    /// <summary>Creates a store rooted at a folder (created by <see cref="EnsureReadyAsync"/> if missing).</summary>
    /// <param name="root">The folder; a relative path is taken from the current directory.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public FileSystemObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    /// <summary>The absolute root folder.</summary>
    public string Root => _root;

    /// <inheritdoc/>
    public async Task<StoredObject> PutAsync(string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        options?.Validate();
        key = ObjectKey.Normalize(key);
        var path = Resolve(key);
        var folder = Path.GetDirectoryName(path)!;
        FileModes.CreateFolder(folder);
        EnsureNoLinks(key, path);
        FileModes.RefuseSealed(key, path, options);
        // A repair of a sealed object leaves it sealed.
        var seal = options?.RetainUntil is not null || (options?.ReplaceRetained == true && FileSystemErrors.Run(() => FileModes.IsSealed(path), "inspect a file"));
        // A sealed file's modification time is its retain-until (as SnapLock uses a time stamp): a repair keeps the old one.
        var retainUntil = options?.RetainUntil ?? (seal ? SealDate(path) : null);
        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            ContentDigests digests;
            await using (var source = new DigestingReadStream(content, key, options?.Length, options?.ExpectedSha256))
            {
                var file = FileSystemErrors.Run(() => new FileStream(temp, FileModes.NewFile()), "create a file");
                await using (file.ConfigureAwait(false))
                {
                    await OverlappedCopy.CopyAsync(source, file, cancellationToken).ConfigureAwait(false);
                    FileSystemErrors.Run(() => RandomAccess.FlushToDisk(file.SafeFileHandle), "flush a file");
                }
                digests = source.Result;
            }
            if (seal)
            {
                // Sealed before it appears under its key: there is no moment at which the object is writable there.
                FileSystemErrors.Run(() => FileModes.Seal(temp, retainUntil), "seal a file");
            }
            FileSystemErrors.Run(() => File.Move(temp, path, overwrite: true), "rename a file");
            DirectorySync.Flush(folder);
            return new StoredObject(key, digests);
        }
        catch
        {
            FileSystemErrors.DeleteQuietly(temp);
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        var path = Resolve(key);
        EnsureNoLinks(key, path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException && !File.Exists(path))
        {
            throw new ObjectNotFoundException(key, e);
        }
        catch (Exception e) when (FileSystemErrors.IsStoreFailure(e))
        {
            throw FileSystemErrors.Translate(e, "open a file");
        }
        if (range is not { } r)
        {
            return Task.FromResult<Stream>(file);
        }
        var size = file.Length;
        if (r.Offset >= size)
        {
            file.Dispose();
            throw new RangeNotSatisfiableException(key, r, size);
        }
        file.Position = r.Offset;
        return Task.FromResult<Stream>(new BoundedReadStream(file, Math.Min(r.Length ?? long.MaxValue, size - r.Offset)));
    }

    /// <inheritdoc/>
    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        var path = Resolve(key);
        EnsureNoLinks(key, path);
        var info = new FileInfo(path);
        return Task.FromResult(info.Exists ? ToInfo(key, info) : null);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        prefix = ObjectKey.NormalizePrefix(prefix);
        // Start at the deepest folder the prefix names in full; filter the rest by string prefix.
        var cut = prefix.LastIndexOf('/');
        var start = cut < 0 ? _root : Resolve(prefix[..cut]);
        if (!Directory.Exists(start))
        {
            yield break;
        }
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        using var paths = FileSystemErrors.Run(() => Directory.EnumerateFiles(start, "*", enumeration).GetEnumerator(), "list a folder");
        while (FileSystemErrors.Run(paths.MoveNext, "list a folder"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = paths.Current;
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (Path.GetFileName(path).StartsWith(TempPrefix, StringComparison.Ordinal)
                || !key.StartsWith(prefix, StringComparison.Ordinal)
                || !ObjectKey.IsValid(key))
            {
                continue;
            }
            var info = new FileInfo(path);
            if (info.Exists)
            {
                yield return ToInfo(key, info);
            }
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        sourceKey = ObjectKey.Normalize(sourceKey);
        destinationKey = ObjectKey.Normalize(destinationKey);
        var source = Resolve(sourceKey);
        var destination = Resolve(destinationKey);
        EnsureNoLinks(sourceKey, source);
        if (!File.Exists(source))
        {
            throw new ObjectNotFoundException(sourceKey);
        }
        var folder = Path.GetDirectoryName(destination)!;
        FileModes.CreateFolder(folder);
        EnsureNoLinks(destinationKey, destination);
        FileModes.RefuseSealed(destinationKey, destination, null);
        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            // File.Copy lets the kernel copy (copy_file_range), so the bytes do not pass through this process. It
            // creates the copy with the source's mode (0600 or a sealed 0400): the copy is private and writable.
            File.Copy(source, temp);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, FileModes.Private);
            }
            using (var handle = File.OpenHandle(temp, FileMode.Open, FileAccess.ReadWrite))
            {
                RandomAccess.FlushToDisk(handle);
            }
            File.Move(temp, destination, overwrite: true);
            DirectorySync.Flush(folder);
        }
        catch (FileNotFoundException e)
        {
            FileSystemErrors.DeleteQuietly(temp);
            throw new ObjectNotFoundException(sourceKey, e);
        }
        catch (Exception e) when (FileSystemErrors.IsStoreFailure(e))
        {
            FileSystemErrors.DeleteQuietly(temp);
            throw FileSystemErrors.Translate(e, "copy a file");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        key = ObjectKey.Normalize(key);
        var path = Resolve(key);
        EnsureNoLinks(key, path);
        if (File.Exists(path))
        {
            FileSystemErrors.Run(() => File.Delete(path), "delete a file");
            DirectorySync.Flush(Path.GetDirectoryName(path)!);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Deletes the hidden <c>.~put-*</c> temporary files under the prefix, which listing never shows.</remarks>
    public Task DiscardPartialWritesAsync(string prefix, CancellationToken cancellationToken)
    {
        prefix = ObjectKey.NormalizePrefix(prefix);
        var cut = prefix.LastIndexOf('/');
        var start = cut < 0 ? _root : Resolve(prefix[..cut]);
        if (!Directory.Exists(start))
        {
            return Task.CompletedTask;
        }
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        foreach (var path in FileSystemErrors.Run(() => Directory.EnumerateFiles(start, TempPrefix + "*", enumeration).ToList(), "list a folder"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A temporary file belongs to some key of its folder: discard it only when that whole folder is under the prefix.
            var folder = Path.GetRelativePath(_root, Path.GetDirectoryName(path)!).Replace(Path.DirectorySeparatorChar, '/');
            if ((folder == "." ? string.Empty : folder + "/").StartsWith(prefix, StringComparison.Ordinal))
            {
                FileSystemErrors.Run(() => File.Delete(path), "delete a temporary file");
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<StoreCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken) => Task.FromResult(Capabilities);

    /// <inheritdoc/>
    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(Directory.Exists(_root));

    /// <inheritdoc/>
    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        FileSystemErrors.Run(() => FileModes.CreateFolderCore(_root), "create its root folder");
        return Task.CompletedTask;
    }

    /// <summary>Whether the object under <paramref name="key"/> is sealed (written with <see cref="PutOptions.RetainUntil"/>).</summary>
    /// <param name="key">The object's key.</param>
    /// <returns>True when the object exists and is read-only.</returns>
    public bool IsSealed(string key)
    {
        key = ObjectKey.Normalize(key);
        var path = Resolve(key);
        EnsureNoLinks(key, path);
        return FileModes.IsSealed(path);
    }

    private static ObjectInfo ToInfo(string key, FileInfo info) =>
        new(key, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), null, null);

    private string Resolve(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidObjectKeyException(key, "it resolves outside the store's root");
        }
        if (Path.GetFileName(path).StartsWith(TempPrefix, StringComparison.Ordinal))
        {
            throw new InvalidObjectKeyException(key, $"names starting with '{TempPrefix}' are reserved");
        }
        return path;
    }

    private void EnsureNoLinks(string key, string path)
    {
        // A symbolic link inside the root could point anywhere; refuse to follow one.
        for (var current = path; current.Length > _root.Length; current = Path.GetDirectoryName(current)!)
        {
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if (info.LinkTarget is not null)
                {
                    throw new InvalidObjectKeyException(key, "it passes through a symbolic link");
                }
            }
        }
    }
}
