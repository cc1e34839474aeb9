namespace Archive.Ingest.Import;

/// <summary>One item listed in a project folder's <c>project.json</c>.</summary>
/// <param name="Path">The item path inside the package (and inside the folder).</param>
/// <param name="Role">The checklist role.</param>
/// <param name="MediaType">Declared, or guessed from the extension.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file, declared or computed.</param>
/// <param name="Size">File length in bytes.</param>
/// <param name="FilePath">The file on disk.</param>
public sealed record ProjectFolderItem(string Path, string Role, string MediaType, string Sha256, long Size, string FilePath)
{
    /// <summary>The item's <c>recording</c> object <c>{room, channel, start, end}</c> (venue audio/video), or null.</summary>
    public Submissions.RecordingInput? Recording { get; init; }
}
