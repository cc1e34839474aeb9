using Org.BouncyCastle.Crypto.Parameters;

namespace Archive.Integrity.Notes;

/// <summary>
/// An SM2 (国密) private key of a C2SP signed-note, used beside the Ed25519 key to co-sign checkpoints. Its text form is
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex8&gt;+&lt;base64(type ‖ 32-byte private key)&gt;</c>. SM2 signatures are randomised,
/// so two signatures of one note differ; both verify.
/// </summary>
public sealed class Sm2NoteSigner : INoteSigner
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly ECPrivateKeyParameters _privateKey;

    private Sm2NoteSigner(string name, ECPrivateKeyParameters privateKey)
    {
        Name = name;
        _privateKey = privateKey;
        Verifier = new Sm2NoteVerifier(name, Sm2.PublicKeyBytes(privateKey));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public uint KeyHash => Verifier.KeyHash;

    /// <summary>The matching public verifier.</summary>
    public Sm2NoteVerifier Verifier { get; }

    /// <inheritdoc/>
    public INoteVerifier PublicVerifier => Verifier;

    /// <summary>Generates a new random key on sm2p256v1.</summary>
    /// <param name="name">The key name (non-empty, no whitespace, no '+').</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static Sm2NoteSigner Generate(string name)
    {
        if (!NoteKeys.IsValidName(name))
        {
            throw new ArgumentException("A key name is non-empty and has no whitespace or '+'.", nameof(name));
        }

        return new Sm2NoteSigner(name, Sm2.Generate());
    }

    /// <summary>Parses an SM2 signer key.</summary>
    /// <param name="skey">The signer key text.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="FormatException">The key is malformed, not SM2, or its hash does not match.</exception>
    public static Sm2NoteSigner Parse(string skey)
    {
        ArgumentNullException.ThrowIfNull(skey);
        var type = NoteKeys.Sm2Type;
        if (!skey.StartsWith(Prefix, StringComparison.Ordinal) || NoteKeys.TrySplit(skey[Prefix.Length..]) is not { } parts
            || !parts.TypedKey.AsSpan().StartsWith(type) || parts.TypedKey.Length != type.Length + Sm2.PrivateKeySize)
        {
            throw new FormatException("The note signer key is not an SM2 key (PRIVATE+KEY+<name>+<hex8>+<base64>).");
        }

        Sm2NoteSigner signer;
        try
        {
            signer = new Sm2NoteSigner(parts.Name, Sm2.PrivateKey(parts.TypedKey.AsSpan(type.Length)));
        }
        catch (ArgumentException e)
        {
            throw new FormatException("The SM2 private key is out of range.", e);
        }

        return signer.KeyHash == parts.Hash ? signer : throw new FormatException("The note signer key hash does not match the key.");
    }

    /// <inheritdoc/>
    public byte[] Sign(ReadOnlySpan<byte> message) => Sm2.Sign(_privateKey, message);

    /// <inheritdoc/>
    public string ToSignerKey() =>
        $"{Prefix}{Name}+{NoteKeys.FormatHash(KeyHash)}+{Convert.ToBase64String(NoteKeys.WithType(NoteKeys.Sm2Type, Sm2.PrivateKeyBytes(_privateKey)))}";

    /// <inheritdoc/>
    public override string ToString() => $"{Name}+{NoteKeys.FormatHash(KeyHash)} (SM2, private)";
}
