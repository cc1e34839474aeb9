using System.Globalization;
using System.Text;

namespace Archive.Integrity.Notes;

/// <summary>
/// A C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) body: the log origin, the tree
/// size and the root hash. Signed as a <see cref="SignedNote"/>.
/// </summary>
/// <param name="Origin">The log's origin line (non-empty, no control characters).</param>
/// <param name="TreeSize">The number of entries in the tree (≥ 0).</param>
/// <param name="RootHash">The 32-byte RFC 6962 root hash.</param>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    /// <summary>The origin line.</summary>
    /// <exception cref="ArgumentException">The origin is empty or contains control characters.</exception>
    public string Origin { get; init; } = CheckOrigin(Origin);

    /// <summary>The tree size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public long TreeSize { get; init; } = TreeSize >= 0 ? TreeSize : throw new ArgumentOutOfRangeException(nameof(TreeSize));

    /// <summary>The root hash (32 bytes).</summary>
    /// <exception cref="ArgumentException">The hash is not 32 bytes.</exception>
    public byte[] RootHash { get; init; } = RootHash is { Length: 32 }
        ? (byte[])RootHash.Clone()
        : throw new ArgumentException("A checkpoint root hash is 32 bytes.", nameof(RootHash));

    /// <summary>The checkpoint body: <c>"&lt;origin&gt;\n&lt;size&gt;\n&lt;base64 root&gt;\n"</c>.</summary>
    /// <returns>The note text to sign.</returns>
    public string ToBody() =>
        string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\n");

    /// <summary>Parses a checkpoint body strictly. Extension lines after the root hash are allowed and ignored.</summary>
    /// <param name="body">The note text (for example as returned by <see cref="SignedNote.Open(string, INoteVerifier)"/>).</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FormatException">The body is not a valid checkpoint.</exception>
    public static Checkpoint ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n'))
        {
            throw new FormatException("A checkpoint body ends with a newline.");
        }

        var lines = body[..^1].Split('\n');
        if (lines.Length < 3 || lines.Any(l => l.Length == 0))
        {
            throw new FormatException("A checkpoint has an origin, a size and a root hash line, and no empty lines.");
        }

        if (!IsValidOrigin(lines[0]))
        {
            throw new FormatException("The checkpoint origin is invalid.");
        }

        var size = lines[1];
        if (!size.All(char.IsAsciiDigit) || (size.Length > 1 && size[0] == '0')
            || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            throw new FormatException("The checkpoint tree size is not a canonical decimal number.");
        }

        var root = DecodeCanonicalBase64(lines[2]);
        if (root is not { Length: 32 })
        {
            throw new FormatException("The checkpoint root hash is not 32 bytes of standard base64.");
        }

        return new Checkpoint(lines[0], treeSize, root);
    }

    /// <summary>Signs this checkpoint as a note.</summary>
    /// <param name="signers">The signers (the log's key first).</param>
    /// <returns>The signed checkpoint note.</returns>
    public string Sign(params INoteSigner[] signers) => SignedNote.Sign(ToBody(), signers);

    /// <summary>Opens a signed checkpoint note and parses its body.</summary>
    /// <param name="note">The signed note.</param>
    /// <param name="verifier">The log's key.</param>
    /// <returns>The verified checkpoint.</returns>
    /// <exception cref="NoteVerificationException">The note is malformed or not validly signed by the key.</exception>
    /// <exception cref="FormatException">The signed text is not a valid checkpoint body.</exception>
    public static Checkpoint Open(string note, INoteVerifier verifier) => ParseBody(SignedNote.Open(note, verifier));

    /// <inheritdoc/>
    public bool Equals(Checkpoint? other) =>
        other is not null && Origin == other.Origin && TreeSize == other.TreeSize && RootHash.AsSpan().SequenceEqual(other.RootHash);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Origin, TreeSize, Convert.ToHexString(RootHash));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Origin = {Origin}, TreeSize = {TreeSize}, RootHash = {Convert.ToBase64String(RootHash)}");
        return true;
    }

    private static string CheckOrigin(string origin) =>
        IsValidOrigin(origin) ? origin : throw new ArgumentException("A checkpoint origin is a non-empty line without control characters.", nameof(origin));

    private static bool IsValidOrigin(string? origin) =>
        !string.IsNullOrEmpty(origin) && !origin.Any(char.IsControl);

    // Rejects padding-bit and whitespace variants so each root has exactly one textual form.
    private static byte[]? DecodeCanonicalBase64(string text)
    {
        var bytes = NoteKeys.TryDecodeBase64(text);
        return bytes is not null && Convert.ToBase64String(bytes) == text ? bytes : null;
    }
}
