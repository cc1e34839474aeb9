using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Archive.Api.Reports;

/// <summary>
/// Renders pages of Chinese text to PDF with PDFsharp and the embedded CJK face of <see cref="CjkFontResolver"/>
/// (fonts are embedded as Unicode CID fonts with a ToUnicode map, so the text can be searched and extracted).
/// Shared by the demo data generator and the archive's reports and watermarks.
/// </summary>
public static class ChineseTextPdf
{
    private const double Margin = 56;
    private const double TitleSize = 16;
    private const double BodySize = 11;
    private const double LineFactor = 1.65;
    private static readonly Lock InstallLock = new();

    /// <summary>
    /// Installs <see cref="CjkFontResolver"/> as PDFsharp's global font resolver (once per process).
    /// </summary>
    /// <param name="fontPath">The TrueType file; default <see cref="CjkFontResolver.LocateFont"/>.</param>
    /// <exception cref="FileNotFoundException">No font file was found.</exception>
    /// <exception cref="InvalidOperationException">Another font resolver is installed already.</exception>
    public static void EnsureFontResolver(string? fontPath = null)
    {
        lock (InstallLock)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case CjkFontResolver:
                    return;
                case null:
                    GlobalFontSettings.FontResolver = new CjkFontResolver(CjkFontResolver.LocateFont(fontPath));
                    return;
                default:
                    throw new InvalidOperationException("A different PDFsharp font resolver is installed already.");
            }
        }
    }

    /// <summary>Renders the document on as many A4 pages as it needs and returns the PDF bytes.</summary>
    /// <exception cref="FileNotFoundException">No font file was found.</exception>
    public static byte[] Render(PdfTextDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        EnsureFontResolver();
        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Subject = document.Subject ?? string.Empty;
        pdf.Info.Author = document.Author ?? string.Empty;
        pdf.Info.Creator = "电子档案系统";
        pdf.Info.CreationDate = document.CreatedAt.DateTime;
        pdf.Info.ModificationDate = document.CreatedAt.DateTime;

        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var title = new XFont(CjkFontResolver.FamilyName, TitleSize, XFontStyleEx.Bold, options);
        var body = new XFont(CjkFontResolver.FamilyName, BodySize, XFontStyleEx.Regular, options);
        var small = new XFont(CjkFontResolver.FamilyName, 8, XFontStyleEx.Regular, options);
        var pages = new List<PdfPage>();
        var writer = new PageWriter(pdf, pages);

        foreach (var line in Wrap(writer.Measure, title, document.Title, writer.Width))
        {
            writer.Line(line, title, XStringFormats.TopCenter);
        }

        writer.Space(BodySize);
        foreach (var paragraph in document.Paragraphs)
        {
            foreach (var line in Wrap(writer.Measure, body, paragraph, writer.Width))
            {
                writer.Line(line, body, XStringFormats.TopLeft);
            }

            writer.Space(BodySize * 0.5);
        }

        writer.Finish();
        for (var i = 0; i < pages.Count; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pages[i]);
            var footer = string.Create(CultureInfo.InvariantCulture, $"{document.Footer}{(document.Footer is null ? "" : "　")}第 {i + 1} 页 共 {pages.Count} 页");
            gfx.DrawString(footer, small, XBrushes.Gray,
                new XRect(Margin, pages[i].Height.Point - Margin * 0.6, pages[i].Width.Point - 2 * Margin, 10), XStringFormats.TopCenter);
        }

        // PDFsharp draws random ids; ids derived from the content keep the bytes reproducible.
        var seed = string.Join("\n", [document.Title, document.Subject, document.Author, document.Footer, .. document.Paragraphs]);
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));
        pdf.Internals.FirstDocumentID = id;
        pdf.Internals.SecondDocumentID = id;
        using var output = new MemoryStream();
        pdf.Save(output);
        return ReproduciblePdf.Normalize(output.ToArray(), seed);
    }

    /// <summary>Splits a paragraph into lines no wider than <paramref name="width"/>, breaking between any two characters.</summary>
    internal static IEnumerable<string> Wrap(Func<string, XFont, double> measure, XFont font, string text, double width)
    {
        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var element in EnumerateElements(text))
        {
            var w = measure(element, font);
            if (line.Length > 0 && lineWidth + w > width)
            {
                yield return line.ToString();
                line.Clear();
                lineWidth = 0;
            }

            line.Append(element);
            lineWidth += w;
        }

        if (line.Length > 0 || text.Length == 0)
        {
            yield return line.ToString();
        }
    }

    private static IEnumerable<string> EnumerateElements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            yield return e.GetTextElement();
        }
    }

    /// <summary>Places lines top to bottom, opening a new page when one is full.</summary>
    private sealed class PageWriter(PdfDocument pdf, List<PdfPage> pages)
    {
        private readonly Dictionary<(string, double), double> widths = [];
        private XGraphics? gfx;
        private double y;
        private double height;

        public double Width { get; } = XUnit.FromMillimeter(210).Point - 2 * Margin;

        public double Measure(string element, XFont font)
        {
            if (!widths.TryGetValue((element, font.Size), out var w))
            {
                EnsurePage();
                w = gfx!.MeasureString(element, font).Width;
                widths[(element, font.Size)] = w;
            }

            return w;
        }

        public void Line(string text, XFont font, XStringFormat format)
        {
            var lineHeight = font.Size * LineFactor;
            EnsurePage();
            if (y + lineHeight > height - Margin)
            {
                NewPage();
            }

            gfx!.DrawString(text, font, XBrushes.Black, new XRect(Margin, y, Width, lineHeight), format);
            y += lineHeight;
        }

        public void Space(double points) => y += points;

        public void Finish() => gfx?.Dispose();

        private void EnsurePage()
        {
            if (gfx is null)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            gfx?.Dispose();
            var page = pdf.AddPage();
            page.Width = XUnit.FromMillimeter(210);
            page.Height = XUnit.FromMillimeter(297);
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            height = page.Height.Point;
            y = Margin;
        }
    }
}
