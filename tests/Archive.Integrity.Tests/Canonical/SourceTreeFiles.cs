namespace Archive.Integrity.Tests.Canonical;

/// <summary>
/// Locates committed test data in the source tree (the directory holding Archive.sln above the
/// test binaries), so known-answer files are read exactly as committed.
/// </summary>
internal static class SourceTreeFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Archive.sln not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(string relative) =>
        Path.Combine(Root.Value, "tests", "Archive.Integrity.Tests", relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));
}
