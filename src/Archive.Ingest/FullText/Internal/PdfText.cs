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

    // NUL cannot be stored in a PostgreSQL text column and control characters only disturb snippets. PDF text layers
    // often space out CJK glyphs: a space between two CJK characters is dropped, so phrases match as written.
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                var next = i + 1;
                while (next < text.Length && (char.IsWhiteSpace(text[next]) || char.IsControl(text[next])))
                {
                    next++;
                }

                if (builder.Length > 0 && next < text.Length && !(IsCjk(builder[^1]) && IsCjk(text[next])))
                {
                    builder.Append(' ');
                }

                i = next - 1;
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>CJK ideographs, kana, CJK punctuation and full-width forms (the ranges Chinese documents use).</summary>
    internal static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFFEF')
        || char.IsSurrogate(c);
}
