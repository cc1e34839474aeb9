using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Integrity.Bags;

/// <summary>
/// Writes the tag files of a BagIt 1.0 bag (RFC 8493): <c>bagit.txt</c>, <c>bag-info.txt</c>, the payload
/// manifests and the tag manifest. Pure functions over already computed digests, so that the bytes of a bag
/// can be streamed from one store to another and its tag files produced without reading anything twice.
/// </summary>
public static class BagTagFiles
{
    /// <summary>The declaration file name.</summary>
    public const string Declaration = "bagit.txt";

    /// <summary>The bag metadata file name.</summary>
    public const string BagInfo = "bag-info.txt";

    /// <summary>The SHA-256 payload manifest.</summary>
    public const string ManifestSha256 = "manifest-sha256.txt";

    /// <summary>The SHA-512 payload manifest.</summary>
    public const string ManifestSha512 = "manifest-sha512.txt";

    /// <summary>The SHA-256 tag manifest.</summary>
    public const string TagManifestSha256 = "tagmanifest-sha256.txt";

    /// <summary>The payload directory, with its trailing slash.</summary>
    public const string PayloadPrefix = "data/";

    /// <summary>The content of <c>bagit.txt</c> (RFC 8493 §2.1.1).</summary>
    public static byte[] DeclarationBytes() => Encoding.UTF8.GetBytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");

    /// <summary>
    /// The content of <c>bag-info.txt</c> (RFC 8493 §2.2.2): the given labels in order, then
    /// <c>Payload-Oxum</c> computed from <paramref name="payload"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A label is empty or contains a colon or white space at its ends.</exception>
    public static byte[] BagInfoBytes(IEnumerable<KeyValuePair<string, string>> labels, IReadOnlyCollection<BagPayloadFile> payload)
    {
        var text = new StringBuilder();
        foreach (var (label, value) in labels)
        {
            if (string.IsNullOrWhiteSpace(label) || label.Contains(':', StringComparison.Ordinal) || label.Trim() != label)
            {
                throw new ArgumentException($"Invalid bag-info label '{label}'.", nameof(labels));
            }

            text.Append(label).Append(": ").Append(SingleLine(value)).Append('\n');
        }

        text.Append("Payload-Oxum: ").Append(PayloadOxum(payload)).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary><c>Payload-Oxum</c>: total octets, a full stop, the number of payload files.</summary>
    public static string PayloadOxum(IReadOnlyCollection<BagPayloadFile> payload) =>
        string.Create(CultureInfo.InvariantCulture, $"{payload.Sum(f => f.Size)}.{payload.Count}");

    /// <summary>The content of a payload manifest for the given algorithm (<c>sha256</c> or <c>sha512</c>).</summary>
    /// <exception cref="ArgumentException">The algorithm is not one of the two.</exception>
    public static byte[] PayloadManifestBytes(IEnumerable<BagPayloadFile> payload, string algorithm) =>
        ManifestBytes(payload.Select(f => (PayloadPrefix + f.Path, algorithm switch
        {
            "sha256" => f.Sha256,
            "sha512" => f.Sha512,
            _ => throw new ArgumentException($"Unsupported algorithm '{algorithm}'.", nameof(algorithm)),
        })));

    /// <summary>The content of <c>tagmanifest-sha256.txt</c> over the given tag files (path → bytes).</summary>
    public static byte[] TagManifestBytes(IEnumerable<KeyValuePair<string, byte[]>> tagFiles) =>
        ManifestBytes(tagFiles.Select(t => (t.Key, Convert.ToHexStringLower(SHA256.HashData(t.Value)))));

    /// <summary>
    /// Encodes a file path for a manifest line (RFC 8493 §2.1.3): only CR, LF and % are percent-encoded.
    /// </summary>
    public static string EncodePath(string path) =>
        path.Replace("%", "%25", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal);

    /// <summary>Decodes a manifest line's file path (the inverse of <see cref="EncodePath"/>).</summary>
    public static string DecodePath(string encoded) =>
        encoded.Replace("%0A", "\n", StringComparison.OrdinalIgnoreCase).Replace("%0D", "\r", StringComparison.OrdinalIgnoreCase).Replace("%25", "%", StringComparison.Ordinal);

    private static byte[] ManifestBytes(IEnumerable<(string Path, string Digest)> lines)
    {
        // Two spaces, as coreutils' sha256sum -c reads it; sorted for a deterministic bag.
        var text = new StringBuilder();
        foreach (var (path, digest) in lines.OrderBy(l => l.Path, StringComparer.Ordinal))
        {
            text.Append(digest).Append("  ").Append(EncodePath(path)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string SingleLine(string value) =>
        string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
