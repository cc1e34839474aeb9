using Archive.Integrity.Notes;

namespace Archive.Integrity.Tests.Notes;

public class SignedNoteTests
{
    private static readonly NoteVerifier Peter = NoteVerifier.Parse(GoNoteVectors.PeterVerifierKey);
    private static readonly NoteVerifier Enoch = NoteVerifier.Parse(GoNoteVectors.EnochVerifierKey);

    [Fact]
    public void Sign_ReproducesGoSignedNote_ByteForByte()
    {
        // Go's TestSign "want"; Ed25519 is deterministic, so the signature line must match exactly.
        var signer = NoteSigner.Parse(GoNoteVectors.PeterSignerKey);

        var note = SignedNote.Sign(GoNoteVectors.Text, signer);

        Assert.Equal(GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature, note);
    }

    [Fact]
    public void Open_AcceptsGoNote_IgnoringOtherKeysSignatures()
    {
        var note = GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature + GoNoteVectors.EnochSignature;

        Assert.Equal(GoNoteVectors.Text, SignedNote.Open(note, Peter));
        Assert.Equal(GoNoteVectors.Text, SignedNote.Open(note, Enoch));
        Assert.Equal(GoNoteVectors.Text, SignedNote.Open(System.Text.Encoding.UTF8.GetBytes(note), Peter));
    }

    [Fact]
    public void Open_Throws_WhenNoteHasNoSignatureByTheKey()
    {
        var note = GoNoteVectors.Text + "\n" + GoNoteVectors.EnochSignature;
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(note, Peter));
    }

    [Fact]
    public void Open_Throws_WhenSignatureIsAltered()
    {
        // Go's TestOpen "Invalid signature" case: four base64 characters inserted.
        var sig = GoNoteVectors.PeterSignature;
        var note = GoNoteVectors.Text + "\n" + sig[..60] + "ABCD" + sig[60..];
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(note, Peter));
    }

    [Fact]
    public void Open_Throws_WhenAnyCharacterOfTheTextChanges()
    {
        var text = GoNoteVectors.Text;
        for (var i = 0; i < text.Length - 1; i++)
        {
            var altered = text[..i] + (text[i] == 'x' ? 'y' : 'x') + text[(i + 1)..];
            Assert.Throws<NoteVerificationException>(() => SignedNote.Open(altered + "\n" + GoNoteVectors.PeterSignature, Peter));
        }
    }

    [Fact]
    public void Open_Throws_WhenTooManySignatures()
    {
        var note = GoNoteVectors.Text + "\n" + string.Concat(Enumerable.Repeat(GoNoteVectors.PeterSignature, 101));
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(note, Peter));
    }

    public static TheoryData<string> MalformedNotes => new(
        // Go's TestOpen badMsgs.
        GoNoteVectors.Text,
        GoNoteVectors.Text + "\n",
        GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature[..^1],
        "\u0001" + GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature,
        new string((char)0xdc00, 1) + GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature,
        GoNoteVectors.Text + "\n" + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature + "Unexpected line.\n",
        GoNoteVectors.Text + "\n" + "— PeterNeumann x08g o/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void Open_Throws_WhenNoteIsMalformed(string note) =>
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(note, Peter));

    [Fact]
    public void Open_Throws_WhenBytesAreNotUtf8()
    {
        byte[] note = [0xff, .. System.Text.Encoding.UTF8.GetBytes(GoNoteVectors.Text + "\n" + GoNoteVectors.PeterSignature)];
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(note, Peter));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a\rb\n")]
    public void Sign_Rejects_InvalidText(string text) =>
        Assert.Throws<ArgumentException>(() => SignedNote.Sign(text, NoteSigner.Parse(GoNoteVectors.PeterSignerKey)));

    [Fact]
    public void Sign_Rejects_LoneSurrogate() =>
        // Built at run time: xunit would replace a lone surrogate in attribute data.
        Assert.Throws<ArgumentException>(() => SignedNote.Sign(new string((char)0xd800, 1) + "\n", NoteSigner.Parse(GoNoteVectors.PeterSignerKey)));

    [Fact]
    public void SignThenOpen_RoundTrips_WithTwoSigners()
    {
        var log = NoteSigner.Generate("档案.example/log");
        var witness = NoteSigner.Generate("witness");
        var note = SignedNote.Sign("档案\n第二行\n", log, witness);

        Assert.Equal("档案\n第二行\n", SignedNote.Open(note, log.Verifier));
        Assert.Equal("档案\n第二行\n", SignedNote.Open(note, witness.Verifier));
        Assert.Throws<NoteVerificationException>(() => SignedNote.Open(note, Peter));
    }
}
