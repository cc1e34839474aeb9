using System.Text;
using UglyToad.PdfPig;

namespace Archive.Ingest.FullText.Internal;

/// <summary>Reads the text layer of a PDF with PdfPig, page by page, up to a cap.</summary>
internal static class PdfText
{
    /// <summary>The extracted text of <paramref name="pdf"/>, or its problem; never throws for a bad PDF.</summary>
    public static ExtractedText Extract(byte[] pdf, int maxChars)
    {
        var text = new StringBuilder();
        var pages = 0;
        var truncated = false;
        try
        {
            using var document = PdfDocument.Open(pdf);
            foreach (var page in document.GetPages())
            {
                pages++;
                var pageText = Clean(page.Text);
                if (pageText.Length == 0)
                {
                    continue;
                }

                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                var room = maxChars - text.Length;
                if (pageText.Length > room)
                {
                    // Never split a surrogate pair at the cap.
                    var cut = room > 0 && char.IsHighSurrogate(pageText[room - 1]) ? room - 1 : Math.Max(room, 0);
                    text.Append(pageText, 0, cut);
                    truncated = true;
                    break;
                }

                text.Append(pageText);
            }
        }
#pragma warning disable CA1031 // a broken PDF is recorded as data, whatever PdfPig throws; the seal is long done
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = e.Message.Length > 300 ? e.Message[..300] : e.Message;
            return new ExtractedText(FullTextStatus.Failed, "", pages, false, $"{e.GetType().Name}: {message}");
        }

        return text.Length == 0
            ? new ExtractedText(FullTextStatus.NoText, "", pages, false, null)
            : new ExtractedText(FullTextStatus.Text, text.ToString(), pages, truncated, null);
    }

    // NUL cannot be stored in a PostgreSQL text column; other control characters only disturb snippets.
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c == '\0' ? ' ' : char.IsControl(c) && c is not '\n' ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
