using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;

namespace Archive.Integrity.Tests.Notes;

public class CheckpointTests
{
    private static readonly byte[] Root = Convert.FromHexString("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    [Fact]
    public void ToBody_WritesOriginSizeAndBase64Root()
    {
        var checkpoint = new Checkpoint("archive.example/ledger", 8, Root);
        Assert.Equal("archive.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", checkpoint.ToBody());
    }

    [Fact]
    public void ParseBody_RoundTrips_AndIgnoresExtensionLines()
    {
        var checkpoint = new Checkpoint("archive.example/ledger", 1234567, Root);

        Assert.Equal(checkpoint, Checkpoint.ParseBody(checkpoint.ToBody()));
        Assert.Equal(checkpoint, Checkpoint.ParseBody(checkpoint.ToBody() + "extension one\nanother\n"));
    }

    [Fact]
    public void ParseBody_Accepts_SizeZeroWithEmptyTreeHash()
    {
        var checkpoint = Checkpoint.ParseBody("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        Assert.Equal(0, checkpoint.TreeSize);
        Assert.Equal(TreeHashing.EmptyTreeHash(), checkpoint.RootHash);
    }

    [Theory]
    [InlineData("o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=")] // no final newline
    [InlineData("o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")] // leading zero
    [InlineData("o\n+8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("o\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("o\n 8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")]
    [InlineData("o\n99999999999999999999\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")] // overflows
    [InlineData("o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQw==\n")] // 31 bytes
    [InlineData("o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n")] // non-canonical padding bits
    [InlineData("o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg=\n")] // URL alphabet
    [InlineData("\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")] // empty origin
    [InlineData("o\n8\n")]
    [InlineData("o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n")] // empty extension line
    public void ParseBody_Rejects_MalformedBodies(string body) =>
        Assert.Throws<FormatException>(() => Checkpoint.ParseBody(body));

    [Fact]
    public void Constructor_Rejects_InvalidFields()
    {
        Assert.Throws<ArgumentException>(() => new Checkpoint("", 1, Root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("a\nb", 1, Root));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Checkpoint("o", -1, Root));
        Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, Root[..31]));
    }

    [Fact]
    public void SignAndOpen_RoundTrip_ThroughSignedNote()
    {
        var signer = NoteSigner.Generate("archive.example/ledger");
        var checkpoint = new Checkpoint("archive.example/ledger", 8, Root);

        var note = checkpoint.Sign(signer);

        Assert.StartsWith(checkpoint.ToBody() + "\n— archive.example/ledger ", note, StringComparison.Ordinal);
        Assert.Equal(checkpoint, Checkpoint.Open(note, signer.Verifier));
        var forged = note.Replace("\n8\n", "\n9\n", StringComparison.Ordinal);
        Assert.Throws<NoteVerificationException>(() => Checkpoint.Open(forged, signer.Verifier));
    }
}
