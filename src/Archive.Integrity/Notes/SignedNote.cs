using System.Buffers.Binary;
using System.Text;

namespace Archive.Integrity.Notes;

/// <summary>
/// C2SP signed-note (https://c2sp.org/signed-note), compatible with Go's
/// <c>golang.org/x/mod/sumdb/note</c>: the text, a blank line, then one line per signature
/// <c>— &lt;name&gt; &lt;base64(key hash (4 bytes, big-endian) ‖ signature)&gt;</c>.
/// </summary>
public static class SignedNote
{
    private const string SignaturePrefix = "\u2014 ";
    private const int MaxSignatures = 100;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Signs a note text.</summary>
    /// <param name="text">The text: valid Unicode, ending in "\n", no control characters other than "\n".</param>
    /// <param name="signers">One or more signers; signatures appear in this order.</param>
    /// <returns>The signed note.</returns>
    /// <exception cref="ArgumentException">The text is not a valid note text, or no signer was given.</exception>
    public static string Sign(string text, params INoteSigner[] signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (!text.EndsWith('\n') || !IsValidNoteText(text))
        {
            throw new ArgumentException(
                "A note text ends with a newline and contains no control characters other than newline.", nameof(text));
        }

        if (signers.Length == 0)
        {
            throw new ArgumentException("A note needs at least one signer.", nameof(signers));
        }

        var message = StrictUtf8.GetBytes(text);
        var builder = new StringBuilder(text).Append('\n');
        foreach (var signer in signers)
        {
            ArgumentNullException.ThrowIfNull(signer, nameof(signers));
            var signature = signer.Sign(message);
            var blob = new byte[4 + signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(blob, signer.KeyHash);
            signature.CopyTo(blob, 4);
            builder.Append(SignaturePrefix).Append(signer.Name).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Opens a signed note, requiring a valid signature by <paramref name="verifier"/>.</summary>
    /// <param name="note">The signed note.</param>
    /// <param name="verifier">The key that must have signed it. Signatures by other keys are ignored.</param>
    /// <returns>The verified text, ending in "\n".</returns>
    /// <exception cref="NoteVerificationException">The note is malformed, not signed by the key, or the signature is invalid.</exception>
    public static string Open(string note, INoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(verifier);
        if (!IsValidNoteText(note))
        {
            throw Malformed("it contains control characters or invalid Unicode");
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw Malformed("it has no signature block");
        }

        var text = note[..(split + 1)];
        var signatures = note[(split + 2)..];
        if (signatures.Length == 0 || !signatures.EndsWith('\n'))
        {
            throw Malformed("the signature block does not end with a newline");
        }

        var message = StrictUtf8.GetBytes(text);
        var verified = false;
        var count = 0;
        foreach (var line in signatures[..^1].Split('\n'))
        {
            if (++count > MaxSignatures)
            {
                throw Malformed("it has too many signatures");
            }

            var (name, hash, signature) = ParseSignatureLine(line);
            if (name != verifier.Name || hash != verifier.KeyHash || verified)
            {
                // Other keys' signatures are not ours to judge; repeats of ours are dropped, as in Go.
                continue;
            }

            if (!verifier.Verify(message, signature))
            {
                throw new NoteVerificationException($"The note's signature by key {name}+{hash:x8} is invalid.");
            }

            verified = true;
        }

        return verified
            ? text
            : throw new NoteVerificationException($"The note carries no signature by key {verifier.Name}+{verifier.KeyHash:x8}.");
    }

    /// <summary>Opens a signed note given as bytes, which must be valid UTF-8.</summary>
    /// <param name="note">The signed note bytes.</param>
    /// <param name="verifier">The key that must have signed it.</param>
    /// <returns>The verified text, ending in "\n".</returns>
    /// <exception cref="NoteVerificationException">The note is not UTF-8, malformed, not signed by the key, or the signature is invalid.</exception>
    public static string Open(ReadOnlySpan<byte> note, INoteVerifier verifier)
    {
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(note);
        }
        catch (DecoderFallbackException ex)
        {
            throw new NoteVerificationException("The note is not valid UTF-8.", ex);
        }

        return Open(decoded, verifier);
    }

    /// <summary>Whether a well-formed note carries a signature line (valid or not) by the verifier's key name and ID.</summary>
    internal static bool CarriesSignatureBy(string note, INoteVerifier verifier)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            return false;
        }

        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            var (name, hash, _) = ParseSignatureLine(line);
            if (name == verifier.Name && hash == verifier.KeyHash)
            {
                return true;
            }
        }

        return false;
    }

    private static (string Name, uint Hash, byte[] Signature) ParseSignatureLine(string line)
    {
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            throw Malformed("a signature line does not start with an em dash");
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? rest : rest[..space];
        var blob = space < 0 ? null : NoteKeys.TryDecodeBase64(rest[(space + 1)..]);
        if (!NoteKeys.IsValidName(name) || blob is null || blob.Length < 5)
        {
            throw Malformed("a signature line is malformed");
        }

        return (name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]);
    }

    // Go's note rules: valid UTF-8 (here: no lone surrogates) and no control characters but "\n".
    private static bool IsValidNoteText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 && c != '\n')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static NoteVerificationException Malformed(string why) => new($"The signed note is malformed: {why}.");
}
