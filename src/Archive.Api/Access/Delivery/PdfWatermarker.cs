using Archive.Api.Reports;
using Archive.Core.Errors;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Archive.Api.Access.Delivery;

/// <summary>
/// Stamps every page of a PDF with a <see cref="Watermark"/> using PDFsharp and the archive's CJK face
/// (<see cref="ChineseTextPdf.EnsureFontResolver"/>): a legible line at the top and bottom edges, and a large pale
/// diagonal copy across the page. The text is real text, so it can be searched and extracted.
/// </summary>
public static class PdfWatermarker
{
    /// <summary>The watermarked document's bytes.</summary>
    /// <param name="pdf">The original PDF.</param>
    /// <param name="watermark">What to print.</param>
    /// <returns>The new PDF.</returns>
    /// <exception cref="AccessWorkflowException">PDFsharp cannot open the PDF (damaged or encrypted): it is refused, never delivered bare.</exception>
    public static byte[] Apply(byte[] pdf, Watermark watermark)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(watermark);
        ChineseTextPdf.EnsureFontResolver();
        PdfDocument document;
        try
        {
            document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Modify);
        }
        catch (Exception e) when (e is PdfReaderException or InvalidOperationException or NotImplementedException or IOException or ArgumentException or FormatException)
        {
            throw new AccessWorkflowException(ErrorKind.Unprocessable, "access.watermark-failed",
                "该 PDF 无法加盖水印（文件损坏或已加密），为保证可追溯不予直接输出，请联系档案管理员。");
        }

        using (document)
        {
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var text = watermark.Text;
            foreach (var page in document.Pages)
            {
                using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var width = gfx.PageSize.Width;
                var height = gfx.PageSize.Height;
                var lineFont = new XFont(CjkFontResolver.FamilyName, Math.Clamp(width / 70, 6, 12), XFontStyleEx.Regular, options);
                var ink = new XSolidBrush(XColor.FromArgb(200, 160, 0, 0));
                gfx.DrawString(text, lineFont, ink, new XRect(0, 4, width, lineFont.Size * 1.4), XStringFormats.TopCenter);
                gfx.DrawString(text, lineFont, ink, new XRect(0, height - lineFont.Size * 1.6, width, lineFont.Size * 1.4), XStringFormats.TopCenter);

                var diagonal = Math.Sqrt((width * width) + (height * height));
                var bigFont = new XFont(CjkFontResolver.FamilyName, Math.Clamp(diagonal / 40, 8, 28), XFontStyleEx.Bold, options);
                var state = gfx.Save();
                gfx.TranslateTransform(width / 2, height / 2);
                gfx.RotateTransform(-Math.Atan2(height, width) * 180 / Math.PI);
                var pale = new XSolidBrush(XColor.FromArgb(48, 160, 0, 0));
                gfx.DrawString($"{watermark.Organization}　{watermark.Reader}", bigFont, pale, new XRect(-diagonal / 2, -bigFont.Size * 1.5, diagonal, bigFont.Size * 1.4), XStringFormats.TopCenter);
                gfx.DrawString($"审批单号 {watermark.ApprovalNumber}　{watermark.Time}", bigFont, pale, new XRect(-diagonal / 2, bigFont.Size * 0.1, diagonal, bigFont.Size * 1.4), XStringFormats.TopCenter);
                gfx.Restore(state);
            }

            using var output = new MemoryStream();
            document.Save(output);
            return output.ToArray();
        }
    }
}
