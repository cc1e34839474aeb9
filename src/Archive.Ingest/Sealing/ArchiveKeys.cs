using System.Globalization;

namespace Archive.Ingest.Sealing;

/// <summary>
/// Where sealed data lives. Online store: content-addressed objects <c>objects/sha256/&lt;2 hex&gt;/&lt;2 hex&gt;/&lt;64 hex&gt;</c>
/// (shared by every item, version and project with the same bytes) and manifests <c>manifests/&lt;segment&gt;/v&lt;n&gt;.json</c>.
/// Offline store: one BagIt bag per version under <c>&lt;segment&gt;/v&lt;n&gt;/</c> (CONTRACT §6). The segment is
/// <see cref="Metadata.ProjectCode.StorageSegment"/>, always one safe path segment.
/// </summary>
public static class ArchiveKeys
{
    /// <summary>The prefix of content-addressed objects in the online store.</summary>
    public const string ObjectsPrefix = "objects/";

    /// <summary>The prefix of manifests in the online store.</summary>
    public const string ManifestsPrefix = "manifests/";

    /// <summary>The prefix of staged items in the online store.</summary>
    public const string StagingPrefix = "staging/";

    /// <summary>The key of the content-addressed object holding bytes with this SHA-256.</summary>
    /// <param name="sha256Hex">64 lower-case hex digits.</param>
    /// <exception cref="ArgumentException">Not 64 lower-case hex digits.</exception>
    public static string ContentObject(string sha256Hex)
    {
        if (sha256Hex is not { Length: 64 } || !sha256Hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw new ArgumentException("A SHA-256 is 64 lower-case hex digits.", nameof(sha256Hex));
        }

        return $"{ObjectsPrefix}sha256/{sha256Hex[..2]}/{sha256Hex[2..4]}/{sha256Hex}";
    }

    /// <summary>The key of version <paramref name="version"/>'s manifest bytes in the online store.</summary>
    /// <param name="storageSegment">The project's storage segment.</param>
    /// <param name="version">The version, from 1.</param>
    public static string Manifest(string storageSegment, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{ManifestsPrefix}{storageSegment}/v{version}.json");

    /// <summary>The key prefix (with its trailing slash) of version <paramref name="version"/>'s bag in the offline store.</summary>
    /// <param name="storageSegment">The project's storage segment.</param>
    /// <param name="version">The version, from 1.</param>
    public static string BagPrefix(string storageSegment, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{storageSegment}/v{version}/");

    /// <summary>The key of an item's payload file in version <paramref name="version"/>'s bag in the offline store.</summary>
    /// <param name="storageSegment">The project's storage segment.</param>
    /// <param name="version">The version, from 1.</param>
    /// <param name="itemPath">The item's path in the package.</param>
    public static string BagPayload(string storageSegment, int version, string itemPath) =>
        BagPrefix(storageSegment, version) + Archive.Integrity.Bags.BagTagFiles.PayloadPrefix + itemPath;
}
