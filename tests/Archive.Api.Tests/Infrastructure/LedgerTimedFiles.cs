namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// Files the ledger writes into the filesystem stores on its own timing — witnessed checkpoints (<c>checkpoints/</c>)
/// and the ledger's export (<c>ledger/export/</c>) — which tests that count stored files leave out.
/// </summary>
public static class LedgerTimedFiles
{
    private static readonly string[] s_folders =
    [
        $"{Path.DirectorySeparatorChar}checkpoints{Path.DirectorySeparatorChar}",
        $"{Path.DirectorySeparatorChar}ledger{Path.DirectorySeparatorChar}export{Path.DirectorySeparatorChar}",
    ];

    /// <summary>Whether <paramref name="path"/> lies in a folder the ledger writes on its own timing.</summary>
    /// <param name="path">A file's path.</param>
    public static bool Contains(string path) => s_folders.Any(folder => path.Contains(folder, StringComparison.Ordinal));
}
