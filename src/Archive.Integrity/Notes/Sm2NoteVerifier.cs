using Org.BouncyCastle.Crypto.Parameters;

namespace Archive.Integrity.Notes;

/// <summary>
/// An SM2 (国密, GB/T 32918 with SM3) public key of a C2SP signed-note. Its text form is
/// <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(type ‖ 65-byte uncompressed point)&gt;</c>, where the signature type is 0xff
/// followed by the DER OID 1.2.156.10197.1.501; Go's <c>sumdb/note</c> ignores such signature lines as signatures of an
/// unknown key, so an Ed25519 co-signature on the same note still verifies there.
/// </summary>
public sealed class Sm2NoteVerifier : INoteVerifier
{
    private readonly byte[] _publicKey;
    private readonly ECPublicKeyParameters? _parameters;

    internal Sm2NoteVerifier(string name, byte[] publicKey)
    {
        Name = name;
        _publicKey = publicKey;
        KeyHash = NoteKeys.KeyHash(name, NoteKeys.WithType(NoteKeys.Sm2Type, publicKey));
        _parameters = Sm2.TryPublicKey(publicKey);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public uint KeyHash { get; }

    /// <summary>The 65-byte uncompressed public point <c>04 ‖ x ‖ y</c>.</summary>
    public byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <summary>Whether a verifier key text is an SM2 key (rather than Ed25519 or malformed).</summary>
    /// <param name="vkey">A verifier key text.</param>
    /// <returns>True when the key's type is SM2.</returns>
    public static bool IsSm2Key(string vkey) =>
        vkey is not null && NoteKeys.TrySplit(vkey) is { } parts && parts.TypedKey.AsSpan().StartsWith(NoteKeys.Sm2Type);

    /// <summary>Parses an SM2 verifier key.</summary>
    /// <param name="vkey">The verifier key text.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="FormatException">The key is malformed, not SM2, or its hash does not match.</exception>
    public static Sm2NoteVerifier Parse(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        if (NoteKeys.TrySplit(vkey) is not { } parts)
        {
            throw new FormatException("The note verifier key is malformed.");
        }

        var type = NoteKeys.Sm2Type;
        if (!parts.TypedKey.AsSpan().StartsWith(type) || parts.TypedKey.Length != type.Length + Sm2.PublicKeySize)
        {
            throw new FormatException("The note verifier key is not an SM2 key.");
        }

        if (NoteKeys.KeyHash(parts.Name, parts.TypedKey) != parts.Hash)
        {
            throw new FormatException("The note verifier key hash does not match the key.");
        }

        return new Sm2NoteVerifier(parts.Name, parts.TypedKey[type.Length..]);
    }

    /// <summary>The public key in SubjectPublicKeyInfo PEM form, for OpenSSL and other 国密 tools.</summary>
    /// <returns>A <c>-----BEGIN PUBLIC KEY-----</c> block.</returns>
    public string ToPem()
    {
        var parameters = _parameters ?? throw new InvalidOperationException("The SM2 public key is not a point on sm2p256v1.");
        var spki = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(
            new ECPublicKeyParameters("EC", parameters.Q, Org.BouncyCastle.Asn1.GM.GMObjectIdentifiers.sm2p256v1));
        return "-----BEGIN PUBLIC KEY-----\n" + Convert.ToBase64String(spki.GetDerEncoded(), Base64FormattingOptions.InsertLineBreaks)
            .Replace("\r\n", "\n", StringComparison.Ordinal) + "\n-----END PUBLIC KEY-----\n";
    }

    /// <inheritdoc/>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        _parameters is not null && Sm2.Verify(_parameters, message, signature);

    /// <inheritdoc/>
    public string ToVerifierKey() =>
        $"{Name}+{NoteKeys.FormatHash(KeyHash)}+{Convert.ToBase64String(NoteKeys.WithType(NoteKeys.Sm2Type, _publicKey))}";

    /// <inheritdoc/>
    public override string ToString() => ToVerifierKey();
}
