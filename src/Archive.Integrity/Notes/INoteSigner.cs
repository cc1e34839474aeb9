namespace Archive.Integrity.Notes;

/// <summary>A private key that signs C2SP signed-notes: Ed25519 (<see cref="NoteSigner"/>) or SM2 (<see cref="Sm2NoteSigner"/>).</summary>
public interface INoteSigner
{
    /// <summary>The key name written on the signature line.</summary>
    string Name { get; }

    /// <summary>The 32-bit key ID: the first four bytes of SHA-256(name ‖ "\n" ‖ signature type ‖ public key).</summary>
    uint KeyHash { get; }

    /// <summary>The matching public verifier.</summary>
    INoteVerifier PublicVerifier { get; }

    /// <summary>Signs the note text.</summary>
    /// <param name="message">The UTF-8 note text, final newline included.</param>
    /// <returns>The signature bytes (after the key ID on the signature line).</returns>
    byte[] Sign(ReadOnlySpan<byte> message);

    /// <summary>The signer key text, which holds the private key: keep it secret.</summary>
    /// <returns><c>PRIVATE+KEY+&lt;name&gt;+&lt;hex8&gt;+&lt;base64(type ‖ private key)&gt;</c>.</returns>
    string ToSignerKey();
}
