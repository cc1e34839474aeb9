namespace Archive.Integrity.Notes;

/// <summary>A public key that checks C2SP signed-note signatures: Ed25519 (<see cref="NoteVerifier"/>) or SM2 (<see cref="Sm2NoteVerifier"/>).</summary>
public interface INoteVerifier
{
    /// <summary>The key name.</summary>
    string Name { get; }

    /// <summary>The 32-bit key ID of the signature lines this key makes.</summary>
    uint KeyHash { get; }

    /// <summary>Whether <paramref name="signature"/> is this key's valid signature of <paramref name="message"/>.</summary>
    /// <param name="message">The UTF-8 note text.</param>
    /// <param name="signature">The signature bytes after the key ID.</param>
    /// <returns>True when the signature verifies.</returns>
    bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);

    /// <summary>The verifier key text <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(type ‖ public key)&gt;</c>.</summary>
    /// <returns>The verifier key.</returns>
    string ToVerifierKey();
}
