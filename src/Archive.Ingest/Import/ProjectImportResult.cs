using Archive.Core.Errors;

namespace Archive.Ingest.Import;

/// <summary>The result of importing one project folder.</summary>
/// <param name="Folder">The folder's name.</param>
/// <param name="Code">The project code, when it could be read.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Version">The archived version the project is at, when known.</param>
/// <param name="ManifestSha256">That version's manifest digest, when this run sealed it.</param>
/// <param name="Reason">A one-line explanation in Chinese.</param>
/// <param name="Problems">Every problem the archive reported (seal checks), in full.</param>
public sealed record ProjectImportResult(
    string Folder, string? Code, ImportOutcome Outcome, int? Version, string? ManifestSha256, string Reason, IReadOnlyList<ArchiveProblem> Problems)
{
    /// <summary>A failure with its reason.</summary>
    public static ProjectImportResult Failure(string folder, string? code, string reason, IReadOnlyList<ArchiveProblem>? problems = null) =>
        new(folder, code, ImportOutcome.Failed, null, null, reason, problems ?? []);
}
