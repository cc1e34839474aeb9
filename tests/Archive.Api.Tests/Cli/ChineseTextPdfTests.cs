using Archive.Api.Reports;
using UglyToad.PdfPig;

namespace Archive.Api.Tests.Cli;

public sealed class ChineseTextPdfTests
{
    private const string Sentence = "昆明市五华区普吉路道路提升改造工程已于二〇二五年四月八日确定中标人。";

    [Fact]
    public void Render_ProducesPdfWhoseExtractedTextContainsTheChineseSentence_WhenOpenedWithPdfPig()
    {
        var bytes = ChineseTextPdf.Render(new PdfTextDocument("中标结果公告", ["项目编号：E5301022025000187", Sentence]));

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("中标结果公告", text, StringComparison.Ordinal);
        Assert.Contains(Sentence, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("中标结果公告", pdf.Information.Title);
    }

    [Fact]
    public void Render_IsByteIdentical_WhenTheSameDocumentIsRenderedTwice()
    {
        var document = new PdfTextDocument("招标公告", [Sentence]) { Footer = "E5301022025000187" };

        var first = ChineseTextPdf.Render(document);
        var second = ChineseTextPdf.Render(document);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Render_WrapsLongParagraphsOntoSeveralLinesAndPages()
    {
        var paragraphs = Enumerable.Repeat(Sentence + Sentence + Sentence, 60).ToList();

        using var pdf = PdfDocument.Open(ChineseTextPdf.Render(new PdfTextDocument("评标报告", paragraphs)));

        Assert.True(pdf.NumberOfPages >= 2, $"expected at least two pages, got {pdf.NumberOfPages}");
        foreach (var page in pdf.GetPages())
        {
            Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 0, page.Width));
        }
    }
}
