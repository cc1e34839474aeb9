using System.Globalization;
using System.Text;

namespace Archive.Testing;

/// <summary>A minimal, well-formed PDF (one empty page, a correct cross-reference table) that real readers such as qpdf open.</summary>
public static class MinimalPdf
{
    /// <summary>The PDF's bytes; <paramref name="text"/> goes into a comment (ASCII; other characters become '?').</summary>
    /// <param name="text">Makes PDFs differ.</param>
    /// <param name="extra">Bytes placed in a further comment line, e.g. a test signature.</param>
    public static byte[] Bytes(string text, string extra = "")
    {
        var body = new StringBuilder();
        body.Append("%PDF-1.4\n% ").Append(text).Append('\n');
        if (extra.Length > 0)
        {
            body.Append("% ").Append(extra).Append('\n');
        }

        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        ];
        var offsets = new List<int>();
        foreach (var (content, i) in objects.Select((o, i) => (o, i)))
        {
            offsets.Add(Encoding.ASCII.GetByteCount(body.ToString()));
            body.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{content}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(body.ToString());
        body.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        body.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }
}
