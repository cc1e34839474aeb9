using Archive.Integrity.Notes;
using Archive.Testing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;

namespace Archive.Integrity.Tests.Notes;

public class Sm2Tests
{
    // GB/T 32918.2-2016 (GM/T 0003.2) Annex A.2: the worked example of digital signature on the Fp-256 test curve.
    private const string P = "8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3";
    private const string A = "787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498";
    private const string B = "63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A";
    private const string N = "8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7";
    private const string Gx = "421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D";
    private const string Gy = "0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2";
    private const string D = "128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263";
    private const string Px = "0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A";
    private const string Py = "7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857";
    private const string K = "6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F";
    private const string R = "40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1";
    private const string S = "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7";
    private static readonly byte[] UserId = "ALICE123@YAHOO.COM"u8.ToArray();
    private static readonly byte[] Message = "message digest"u8.ToArray();

    [Fact]
    public void Sign_WithTheStandardsK_GivesThePublishedSignature()
    {
        var domain = TestCurve();
        var key = Sm2.PrivateKey(Convert.FromHexString(D), domain);
        Assert.Equal("04" + Px + Py, Convert.ToHexString(key.Parameters.G.Multiply(key.D).Normalize().GetEncoded(false)));

        var signature = Sm2.Sign(key, Message, UserId, new FixedRandom(Convert.FromHexString(K)));

        // DER SEQUENCE { INTEGER r, INTEGER s } (both have their top bit clear, so no leading zero byte).
        Assert.Equal("30440220" + R + "0220" + S, Convert.ToHexString(signature));
        var publicKey = Sm2.TryPublicKey(Convert.FromHexString("04" + Px + Py), domain)!;
        Assert.True(Sm2.Verify(publicKey, Message, signature, UserId));
        Assert.False(Sm2.Verify(publicKey, "message digesT"u8, signature, UserId));
        Assert.False(Sm2.Verify(publicKey, Message, signature, "ALICE123@YAHOO.CN"u8.ToArray()));
    }

    [Fact]
    public void NoteSignature_RoundTrips_AndKeysFormatBack()
    {
        var signer = Sm2NoteSigner.Generate("archive.example/ledger");
        var note = SignedNote.Sign("text\n", signer);

        Assert.Equal("text\n", SignedNote.Open(note, signer.Verifier));
        var parsedSigner = Sm2NoteSigner.Parse(signer.ToSignerKey());
        var parsedVerifier = Sm2NoteVerifier.Parse(signer.Verifier.ToVerifierKey());
        Assert.Equal(signer.Verifier.ToVerifierKey(), parsedSigner.Verifier.ToVerifierKey());
        Assert.Equal("text\n", SignedNote.Open(SignedNote.Sign("text\n", parsedSigner), parsedVerifier));
        Assert.True(Sm2NoteVerifier.IsSm2Key(parsedVerifier.ToVerifierKey()));
        Assert.False(Sm2NoteVerifier.IsSm2Key(GoNoteVectors.PeterVerifierKey));
        Assert.Throws<FormatException>(() => NoteVerifier.Parse(parsedVerifier.ToVerifierKey()));
        Assert.Throws<FormatException>(() => Sm2NoteVerifier.Parse(GoNoteVectors.PeterVerifierKey));
    }

    [Fact]
    public void CoSignedNote_OpensWithEachKey_AndAnAlteredSm2LineIsRejected()
    {
        var ed = NoteSigner.Parse(GoNoteVectors.PeterSignerKey);
        var sm2 = Sm2NoteSigner.Generate("PeterNeumann");
        var note = SignedNote.Sign(GoNoteVectors.Text, ed, sm2);

        // The Ed25519 line is byte-identical to Go's vector (Go's sumdb/note ignores the other line as an unknown key).
        Assert.StartsWith(GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature, note, StringComparison.Ordinal);
        Assert.Equal(GoNoteVectors.Text, SignedNote.Open(note, ed.Verifier));
        Assert.Equal(GoNoteVectors.Text, SignedNote.Open(note, sm2.Verifier));

        var lines = note.Split('\n');
        var sm2Line = lines[^2];
        var blob = Convert.FromBase64String(sm2Line[(sm2Line.LastIndexOf(' ') + 1)..]);
        blob[^1] ^= 1;
        var altered = note.Replace(sm2Line, sm2Line[..(sm2Line.LastIndexOf(' ') + 1)] + Convert.ToBase64String(blob), StringComparison.Ordinal);
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(altered, sm2.Verifier));
        Assert.Equal(GoNoteVectors.Text, SignedNote.Open(altered, ed.Verifier));
    }

    [Fact]
    public async Task OpenSsl_VerifiesTheSm2Signature_AsAnIndependent国密Verifier()
    {
        var signer = Sm2NoteSigner.Generate("archive.example/ledger");
        var text = "archive.example/ledger\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
        var note = SignedNote.Sign(text, NoteSigner.Generate("archive.example/ledger"), signer);
        var key = signer.Verifier.ToVerifierKey();

        var (code, output) = await OpenSslSm2.VerifyNoteAsync(note, key);
        Assert.True(code == 0, output);
        var (otherCode, _) = await OpenSslSm2.VerifyNoteAsync(note, key, text.Replace("42", "43", StringComparison.Ordinal));
        Assert.NotEqual(0, otherCode);
    }

    private static ECDomainParameters TestCurve()
    {
        var curve = new FpCurve(
            new BigInteger(P, 16), new BigInteger(A, 16), new BigInteger(B, 16), new BigInteger(N, 16), BigInteger.One);
        return new ECDomainParameters(curve, curve.CreatePoint(new BigInteger(Gx, 16), new BigInteger(Gy, 16)), new BigInteger(N, 16));
    }

    // Supplies the standard's k as the "random" bytes BouncyCastle's k calculator draws (one 32-byte draw).
    private sealed class FixedRandom(byte[] value) : SecureRandom
    {
        public override void NextBytes(byte[] buf) => NextBytes(buf.AsSpan());

        public override void NextBytes(byte[] buf, int off, int len) => NextBytes(buf.AsSpan(off, len));

        public override void NextBytes(Span<byte> buffer) => value.AsSpan(0, buffer.Length).CopyTo(buffer);
    }
}
