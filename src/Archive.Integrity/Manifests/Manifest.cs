using System.Security.Cryptography;
using Archive.Integrity.Canonical;
using NodaTime;

namespace Archive.Integrity.Manifests;

/// <summary>
/// The manifest (清单) of one sealed version of a project archive, format <c>archive-manifest/1</c>
/// (CONTRACT §4). Its bytes are RFC 8785 canonical JSON; the manifest digest is SHA-256 over them.
/// </summary>
/// <remarks>
/// Text forms: <c>sealedAt</c>/<c>receivedAt</c> are UTC instants <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>
/// (always three fraction digits; instants are kept to the millisecond); <c>retention.until</c> is
/// <c>yyyy-MM-dd</c> or <c>"permanent"</c>; <c>previous</c> is lower-case hex or <c>null</c>;
/// <c>items</c> are ordered by path (ordinal UTF-16 comparison).
/// </remarks>
public sealed partial record Manifest
{
    /// <summary>The format identifier written in <c>"format"</c>.</summary>
    public const string FormatName = "archive-manifest/1";

    /// <summary>Creates a manifest, validating it and ordering the items by path.</summary>
    /// <param name="project">The project.</param>
    /// <param name="version">The version number, from 1.</param>
    /// <param name="previous">SHA-256 hex of the previous version's manifest bytes; <see langword="null"/> exactly when <paramref name="version"/> is 1.</param>
    /// <param name="sealedAt">When the version was sealed (kept to the millisecond).</param>
    /// <param name="retention">The retention.</param>
    /// <param name="items">Every item of the version (carried-over items included), paths unique.</param>
    /// <exception cref="ArgumentException">The manifest is inconsistent.</exception>
    public Manifest(
        ManifestProject project, int version, string? previous, Instant sealedAt, ManifestRetention retention, IEnumerable<ManifestItem> items)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(items);
        Project = project;
        Version = version;
        Previous = previous;
        SealedAt = ManifestRules.ToMilliseconds(sealedAt);
        Retention = retention;
        var sorted = items.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a?.Path, b?.Path));
        Items = sorted.AsReadOnly();
        Validate();
    }

    /// <summary>The format identifier, always <see cref="FormatName"/>.</summary>
    public string Format => FormatName;

    /// <summary>The project.</summary>
    public ManifestProject Project { get; init; }

    /// <summary>The version number (1 for the first seal).</summary>
    public int Version { get; init; }

    /// <summary>SHA-256 hex of the previous version's manifest bytes, or <see langword="null"/> for version 1.</summary>
    public string? Previous { get; init; }

    /// <summary>When the version was sealed.</summary>
    public Instant SealedAt { get; init; }

    /// <summary>The retention.</summary>
    public ManifestRetention Retention { get; init; }

    /// <summary>The items, ordered by path.</summary>
    public IReadOnlyList<ManifestItem> Items { get; init; }

    /// <summary>The canonical (RFC 8785) UTF-8 bytes of the manifest: the bytes to store, hash and serve.</summary>
    /// <returns>The manifest bytes; equal manifests give equal bytes.</returns>
    /// <exception cref="ArgumentException">The manifest was made inconsistent with a <c>with</c> expression.</exception>
    public byte[] ToCanonicalBytes()
    {
        Validate();
        return CanonicalJson.Serialize(ManifestJson.ToJson(this));
    }

    /// <summary>Parses and validates manifest bytes.</summary>
    /// <param name="bytes">The manifest bytes, which must be canonical (as <see cref="ToCanonicalBytes"/> writes them).</param>
    /// <returns>The manifest; <c>Parse(b).ToCanonicalBytes()</c> equals <c>b</c>.</returns>
    /// <exception cref="ManifestFormatException">The bytes are not a valid, canonical <c>archive-manifest/1</c>.</exception>
    public static Manifest Parse(ReadOnlySpan<byte> bytes) => ManifestJson.Parse(bytes);

    /// <summary>The manifest digest: SHA-256 over the exact bytes, lower-case hex.</summary>
    /// <param name="bytes">The manifest bytes.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string DigestHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <inheritdoc/>
    public bool Equals(Manifest? other) =>
        other is not null
        && Project.Equals(other.Project)
        && Version == other.Version
        && Previous == other.Previous
        && SealedAt == other.SealedAt
        && Retention.Equals(other.Retention)
        && Items.SequenceEqual(other.Items)
        && Gaps.SequenceEqual(other.Gaps);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Project, Version, Previous, SealedAt, Retention, Items.Count);

    private void Validate()
    {
        if (Project is null || Retention is null || Items is null || Items.Any(i => i is null))
        {
            throw new ArgumentException("The project, retention and items are required.");
        }

        if (Version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Version), "Versions start at 1.");
        }

        if ((Version == 1) != (Previous is null))
        {
            throw new ArgumentException("Version 1 has no previous manifest; every later version names one.", nameof(Previous));
        }

        if (Previous is not null && !ManifestRules.IsHex64(Previous))
        {
            throw new ArgumentException("The previous manifest digest is 64 lower-case hex digits.", nameof(Previous));
        }

        for (var i = 1; i < Items.Count; i++)
        {
            var order = string.CompareOrdinal(Items[i - 1].Path, Items[i].Path);
            if (order >= 0)
            {
                throw new ArgumentException(
                    order == 0 ? $"The item path \"{Items[i].Path}\" appears twice." : "The items are not ordered by path.", nameof(Items));
            }
        }
    }
}
