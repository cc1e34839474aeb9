namespace Archive.Ingest.Reading;

/// <summary>
/// What <see cref="BagZip.WriteAsync"/> will write for one version: the files of its offline bag, read and checked
/// before anything is released. Produced by <see cref="BagZip.PlanAsync"/>.
/// </summary>
public sealed class BagZipPlan
{
    internal BagZipPlan(SealedVersion version, string rootName, IReadOnlyList<Entry> entries)
    {
        Version = version;
        RootName = rootName;
        Entries = entries;
    }

    /// <summary>The version.</summary>
    public SealedVersion Version { get; }

    /// <summary>
    /// The bag's base directory inside the zip and the zip's ASCII file name without <c>.zip</c> (RFC 8493 §4.2:
    /// a serialised bag unpacks to one directory named like the file): the code's letters, digits, <c>-</c> and <c>_</c>,
    /// anything else as <c>_</c>, then <c>_v&lt;n&gt;</c>.
    /// </summary>
    public string RootName { get; }

    /// <summary>How many files the bag holds.</summary>
    public int FileCount => Entries.Count;

    /// <summary>The payload size in bytes.</summary>
    public long PayloadBytes => Entries.Where(e => e.BagPath.StartsWith("data/", StringComparison.Ordinal)).Sum(e => e.Size ?? 0);

    internal IReadOnlyList<Entry> Entries { get; }

    internal sealed record Entry(string BagPath, string Key, long? Size, string? Sha256);
}
