using System.Text;
using Archive.Ingest.FullText;
using Archive.Ingest.FullText.Internal;

namespace Archive.Ingest.Tests.FullText;

public sealed class PdfTextTests
{
    [Fact]
    public void Extract_RecordsFailed_WithTheReason_WhenTheBytesAreNotAPdf()
    {
        var text = PdfText.Extract(Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not a PDF body at all"), 1000);

        Assert.Equal(FullTextStatus.Failed, text.Status);
        Assert.Equal("", text.Text);
        Assert.False(string.IsNullOrEmpty(text.Problem));
    }

    [Fact]
    public void Extract_RecordsFailed_WhenTheBytesAreEmpty()
    {
        Assert.Equal(FullTextStatus.Failed, PdfText.Extract([], 1000).Status);
    }

    [Theory]
    [InlineData('招', true)]
    [InlineData('，', true)]
    [InlineData('。', true)]
    [InlineData('A', false)]
    [InlineData('7', false)]
    public void IsCjk_TellsChineseCharactersAndPunctuationFromLatin(char c, bool cjk) => Assert.Equal(cjk, PdfText.IsCjk(c));
}
