using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Archive.Integrity.Notes;

namespace Archive.Testing;

/// <summary>
/// An independent 国密 verifier: Debian's OpenSSL (<c>pkeyutl -verify -rawin -digest sm3</c>, GM/T 0009 default user ID)
/// checks the SM2 signature line of a signed note, as an outsider holding only the published PEM key would.
/// </summary>
public static class OpenSslSm2
{
    /// <summary>Verifies the note's signature line by <paramref name="verifierKey"/> with OpenSSL.</summary>
    /// <param name="note">The signed note.</param>
    /// <param name="verifierKey">The SM2 verifier key text (<c>name+hex8+base64</c>).</param>
    /// <param name="text">The text OpenSSL is given as the signed message (defaults to the note's own text).</param>
    /// <returns>OpenSSL's exit code (0 when the signature verifies) and its output.</returns>
    public static async Task<(int ExitCode, string Output)> VerifyNoteAsync(string note, string verifierKey, string? text = null)
    {
        var verifier = Sm2NoteVerifier.Parse(verifierKey.Trim());
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        var signature = note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith($"\u2014 {verifier.Name} ", StringComparison.Ordinal))
            .Select(line => Convert.FromBase64String(line[(line.LastIndexOf(' ') + 1)..]))
            .Single(blob => BinaryPrimitives.ReadUInt32BigEndian(blob) == verifier.KeyHash)[4..];

        var dir = Directory.CreateTempSubdirectory("openssl-sm2-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "key.pem"), verifier.ToPem());
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "msg"), Encoding.UTF8.GetBytes(text ?? note[..(split + 1)]));
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "sig"), signature);
            var start = new ProcessStartInfo("openssl",
            [
                "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-digest", "sm3",
                "-pkeyopt", "distid:1234567812345678", "-in", "msg", "-sigfile", "sig",
            ])
            { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
