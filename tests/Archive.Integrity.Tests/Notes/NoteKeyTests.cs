using Archive.Integrity.Notes;

namespace Archive.Integrity.Tests.Notes;

public class NoteKeyTests
{
    [Fact]
    public void Parse_ReadsGoTestKeys_AndFormatsThemBack()
    {
        var verifier = NoteVerifier.Parse(GoNoteVectors.PeterVerifierKey);
        var signer = NoteSigner.Parse(GoNoteVectors.PeterSignerKey);

        Assert.Equal("PeterNeumann", verifier.Name);
        Assert.Equal(0xc74f20a3u, verifier.KeyHash);
        Assert.Equal(0xc74f20a3u, signer.KeyHash);
        Assert.Equal(GoNoteVectors.PeterVerifierKey, verifier.ToVerifierKey());
        Assert.Equal(GoNoteVectors.PeterSignerKey, signer.ToSignerKey());
        Assert.Equal(GoNoteVectors.PeterVerifierKey, signer.Verifier.ToVerifierKey());
    }

    [Fact]
    public void VerifierParse_RejectsEverySubstringAndEveryByteIncrement_OfGoTestKey()
    {
        // The mangling loops of Go's TestNewVerifier.
        var key = GoNoteVectors.PeterVerifierKey;
        for (var i = 0; i < key.Length; i++)
        {
            for (var j = i + 1; j <= key.Length; j++)
            {
                if (i != 0 || j != key.Length)
                {
                    Assert.Throws<FormatException>(() => NoteVerifier.Parse(key[i..j]));
                }
            }
        }

        for (var i = 0; i < key.Length; i++)
        {
            var mangled = key[..i] + (char)(key[i] + 1) + key[(i + 1)..];
            Assert.Throws<FormatException>(() => NoteVerifier.Parse(mangled));
        }
    }

    [Theory]
    [InlineData("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")] // wrong length, adjusted hash (Go)
    [InlineData("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // unknown algorithm, adjusted hash (Go)
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKq iBfsVkmqq/LDE4izWy10TW")] // embedded space
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void VerifierParse_Rejects_MalformedKeys(string key) =>
        Assert.Throws<FormatException>(() => NoteVerifier.Parse(key));

    [Fact]
    public void SignerParse_RejectsEverySubstringAndEveryByteIncrement_OfGoTestKey()
    {
        var key = GoNoteVectors.PeterSignerKey;
        for (var i = 0; i < key.Length; i++)
        {
            for (var j = i + 1; j <= key.Length; j++)
            {
                if (i != 0 || j != key.Length)
                {
                    Assert.Throws<FormatException>(() => NoteSigner.Parse(key[i..j]));
                }
            }
        }

        for (var i = 0; i < key.Length; i++)
        {
            var mangled = key[..i] + (char)(key[i] + 1) + key[(i + 1)..];
            Assert.Throws<FormatException>(() => NoteSigner.Parse(mangled));
        }
    }

    [Fact]
    public void Generate_RoundTripsThroughKeyText_AndSignsVerifiably()
    {
        var signer = NoteSigner.Generate("archive.example/ledger");
        var parsed = NoteSigner.Parse(signer.ToSignerKey());
        var verifier = NoteVerifier.Parse(signer.Verifier.ToVerifierKey());

        Assert.Equal(signer.ToSignerKey(), parsed.ToSignerKey());
        Assert.Equal(signer.KeyHash, verifier.KeyHash);
        Assert.Equal("archive.example/ledger", verifier.Name);
        var message = "hi"u8.ToArray();
        var signature = parsed.Sign(message);
        Assert.True(verifier.Verify(message, signature));
        signature[0] ^= 1;
        Assert.False(verifier.Verify(message, signature));
        signature[0] ^= 1;
        message[0] ^= 1;
        Assert.False(verifier.Verify(message, signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a+b")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\u00a0b")]
    public void Generate_Rejects_InvalidNames(string name) =>
        Assert.Throws<ArgumentException>(() => NoteSigner.Generate(name));

    [Fact]
    public void Generate_Accepts_NonAsciiNames()
    {
        var signer = NoteSigner.Generate("档案馆");
        Assert.Equal(signer.KeyHash, NoteVerifier.Parse(signer.Verifier.ToVerifierKey()).KeyHash);
    }
}
