namespace Archive.Integrity.Bags;

/// <summary>Read access to the files of one bag, wherever it is kept (a folder, a zip, an object store prefix).</summary>
public interface IBagReader
{
    /// <summary>Every file of the bag, as paths relative to the bag's base directory with forward slashes.</summary>
    IAsyncEnumerable<string> ListFilesAsync(CancellationToken cancellationToken);

    /// <summary>Opens one file for reading, or returns null when it does not exist.</summary>
    Task<Stream?> OpenAsync(string path, CancellationToken cancellationToken);
}
