using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Archive.Integrity.Notes;

/// <summary>
/// An Ed25519 public key of a C2SP signed-note, with its name and key hash. Its text form,
/// the verifier key, is <c>&lt;name&gt;+&lt;hex8 key hash&gt;+&lt;base64(0x01‖public key)&gt;</c>.
/// </summary>
public sealed class NoteVerifier : INoteVerifier
{
    private readonly byte[] _publicKey;
    private readonly Ed25519PublicKeyParameters? _parameters;

    private NoteVerifier(string name, byte[] publicKey)
    {
        Name = name;
        _publicKey = publicKey;
        KeyHash = NoteKeys.KeyHash(name, NoteKeys.WithAlgorithm(publicKey));
        try
        {
            _parameters = new Ed25519PublicKeyParameters(publicKey);
        }
        catch (ArgumentException)
        {
            // Not a valid curve point: the key parses (as in Go) but nothing verifies under it.
            _parameters = null;
        }
    }

    /// <summary>The key name, e.g. the log origin.</summary>
    public string Name { get; }

    /// <summary>The key hash: the first four bytes, big-endian, of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).</summary>
    public uint KeyHash { get; }

    /// <summary>A copy of the raw 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <summary>Parses a verifier key <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64&gt;</c>.</summary>
    /// <param name="vkey">The verifier key.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="FormatException">The key is malformed, of an unknown algorithm, or its hash does not match.</exception>
    public static NoteVerifier Parse(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3 || !NoteKeys.IsValidName(parts[0]) || !NoteKeys.TryParseHash(parts[1], out var hash))
        {
            throw new FormatException("The note verifier key is malformed.");
        }

        var key = NoteKeys.TryDecodeBase64(parts[2]);
        if (key is not [NoteKeys.AlgorithmEd25519, ..] || key.Length != 1 + NoteKeys.Ed25519KeySize)
        {
            throw new FormatException("The note verifier key is not an Ed25519 key.");
        }

        if (NoteKeys.KeyHash(parts[0], key) != hash)
        {
            throw new FormatException("The note verifier key hash does not match the key.");
        }

        return new NoteVerifier(parts[0], key[1..]);
    }

    /// <summary>Creates a verifier from a raw Ed25519 public key.</summary>
    /// <param name="name">The key name.</param>
    /// <param name="publicKey">The 32-byte public key.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="ArgumentException">The name is invalid or the key is not 32 bytes.</exception>
    public static NoteVerifier FromEd25519PublicKey(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!NoteKeys.IsValidName(name))
        {
            throw new ArgumentException("A key name is non-empty and has no whitespace or '+'.", nameof(name));
        }

        if (publicKey.Length != NoteKeys.Ed25519KeySize)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        }

        return new NoteVerifier(name, publicKey.ToArray());
    }

    /// <summary>The verifier key text, <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x01‖public key)&gt;</c>.</summary>
    /// <returns>The verifier key.</returns>
    public string ToVerifierKey() =>
        $"{Name}+{NoteKeys.FormatHash(KeyHash)}+{Convert.ToBase64String(NoteKeys.WithAlgorithm(_publicKey))}";

    /// <summary>Checks an Ed25519 signature of a message.</summary>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">The 64-byte signature.</param>
    /// <returns><see langword="true"/> if the signature is valid for this key.</returns>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64 || _parameters is null)
        {
            return false;
        }

        // Ed25519Signer buffers the message, so it is not shared between calls.
        var verifier = new Ed25519Signer();
        verifier.Init(false, _parameters);
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => ToVerifierKey();
}
