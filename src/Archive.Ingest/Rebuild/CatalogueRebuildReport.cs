namespace Archive.Ingest.Rebuild;

/// <summary>What <see cref="CatalogueRebuilder"/> put back, and what it could not.</summary>
/// <param name="Projects">Projects re-created.</param>
/// <param name="Versions">Sealed versions re-created.</param>
/// <param name="Items">Items re-created (over all versions).</param>
/// <param name="OnlineLinked">Content objects found in the online copy by digest and linked again.</param>
/// <param name="OnlineMissing">Objects missing from the online copy: marked failed, so reads use the offline copy and a verification run repairs them.</param>
/// <param name="Unrecovered">Versions that could not be re-created.</param>
public sealed record CatalogueRebuildReport(
    int Projects, int Versions, long Items, long OnlineLinked, long OnlineMissing, IReadOnlyList<UnrecoveredVersion> Unrecovered)
{
    /// <summary>Versions whose 档号 was restored from their bag's <c>bag-info.txt</c>.</summary>
    public int ArchivalCodes { get; init; }

    /// <summary>Sealed versions their tombstone says were disposed of whole: expected to be gone, not lost.</summary>
    public int DisposedVersions { get; init; }

    /// <summary>Items of re-created versions that a tombstone disposed of on their own, recorded as disposed again.</summary>
    public long DisposedItems { get; init; }
}
