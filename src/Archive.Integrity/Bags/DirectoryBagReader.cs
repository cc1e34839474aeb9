namespace Archive.Integrity.Bags;

/// <summary>Reads a bag kept as a plain folder (the filesystem offline store, optical media, tape restores).</summary>
/// <param name="root">The bag's base directory.</param>
public sealed class DirectoryBagReader(string root) : IBagReader
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListFilesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!BagValidator.IsSafeRelativePath(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Task.FromResult<Stream?>(null);
        }

        return Task.FromResult<Stream?>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }
}
