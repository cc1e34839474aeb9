using Archive.Api.Access.Requests;


namespace Archive.Api.Tests.Grants;

public sealed class DocumentSignaturesTests
{
    public static TheoryData<byte[], string?> Heads() => new()
    {
        { "%PDF-1.7\n"u8.ToArray(), "application/pdf" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "image/jpeg" },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png" },
        { ZipHead("OFD.xml"), "application/ofd" },
        { ZipHead("word/document.xml"), null },
        { "GIF89a"u8.ToArray(), null },
        { "PDF-1.7"u8.ToArray(), null },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public void Recognise_ReadsTheFormatFromLeadingBytes(byte[] head, string? expected)
    {
        Assert.Equal(expected, DocumentSignatures.Recognise(head));
    }

    /// <summary>A zip local file header (APPNOTE.TXT 4.3.7) whose first entry has <paramref name="name"/>.</summary>
    private static byte[] ZipHead(string name)
    {
        var head = new byte[30 + name.Length];
        "PK\x03\x04"u8.CopyTo(head);
        head[26] = (byte)name.Length;
        System.Text.Encoding.ASCII.GetBytes(name).CopyTo(head, 30);
        return head;
    }
}
