using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Archive.Integrity.Notes;

/// <summary>
/// An Ed25519 private key of a C2SP signed-note. Its text form, the signer key, is
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex8 key hash&gt;+&lt;base64(0x01‖32-byte seed)&gt;</c>, as Go's
/// <c>golang.org/x/mod/sumdb/note</c> writes it.
/// </summary>
public sealed class NoteSigner : INoteSigner
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly byte[] _seed;
    private readonly Ed25519PrivateKeyParameters _privateKey;

    private NoteSigner(string name, byte[] seed)
    {
        Name = name;
        _seed = seed;
        _privateKey = new Ed25519PrivateKeyParameters(seed);
        Verifier = NoteVerifier.FromEd25519PublicKey(name, _privateKey.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The key hash, equal to <see cref="NoteVerifier.KeyHash"/> of <see cref="Verifier"/>.</summary>
    public uint KeyHash => Verifier.KeyHash;

    /// <summary>The matching public verifier.</summary>
    public NoteVerifier Verifier { get; }

    /// <inheritdoc/>
    public INoteVerifier PublicVerifier => Verifier;

    /// <summary>Generates a new random key.</summary>
    /// <param name="name">The key name (non-empty, no whitespace, no '+').</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static NoteSigner Generate(string name)
    {
        CheckName(name);
        return new NoteSigner(name, RandomNumberGenerator.GetBytes(NoteKeys.Ed25519KeySize));
    }

    /// <summary>Creates a signer from a raw 32-byte Ed25519 seed (private key).</summary>
    /// <param name="name">The key name.</param>
    /// <param name="seed">The 32-byte seed.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentException">The name is invalid or the seed is not 32 bytes.</exception>
    public static NoteSigner FromEd25519Seed(string name, ReadOnlySpan<byte> seed)
    {
        CheckName(name);
        if (seed.Length != NoteKeys.Ed25519KeySize)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new NoteSigner(name, seed.ToArray());
    }

    /// <summary>Parses a signer key <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex8&gt;+&lt;base64&gt;</c>.</summary>
    /// <param name="skey">The signer key.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="FormatException">The key is malformed, of an unknown algorithm, or its hash does not match.</exception>
    public static NoteSigner Parse(string skey)
    {
        ArgumentNullException.ThrowIfNull(skey);
        if (!skey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("A note signer key starts with PRIVATE+KEY+.");
        }

        var parts = skey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3 || !NoteKeys.IsValidName(parts[0]) || !NoteKeys.TryParseHash(parts[1], out var hash))
        {
            throw new FormatException("The note signer key is malformed.");
        }

        var key = NoteKeys.TryDecodeBase64(parts[2]);
        if (key is not [NoteKeys.AlgorithmEd25519, ..] || key.Length != 1 + NoteKeys.Ed25519KeySize)
        {
            throw new FormatException("The note signer key is not an Ed25519 key.");
        }

        var signer = new NoteSigner(parts[0], key[1..]);
        if (signer.KeyHash != hash)
        {
            throw new FormatException("The note signer key hash does not match the key.");
        }

        return signer;
    }

    /// <summary>The signer key text, which holds the private key: keep it secret.</summary>
    /// <returns>The signer key.</returns>
    public string ToSignerKey() =>
        $"{Prefix}{Name}+{NoteKeys.FormatHash(KeyHash)}+{Convert.ToBase64String(NoteKeys.WithAlgorithm(_seed))}";

    /// <summary>Signs a message with Ed25519 (deterministic, RFC 8032).</summary>
    /// <param name="message">The bytes to sign.</param>
    /// <returns>The 64-byte signature.</returns>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}+{NoteKeys.FormatHash(KeyHash)} (private)";

    private static void CheckName(string name)
    {
        if (!NoteKeys.IsValidName(name))
        {
            throw new ArgumentException("A key name is non-empty and has no whitespace or '+'.", nameof(name));
        }
    }
}
