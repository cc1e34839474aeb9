namespace Archive.Ingest.FullText;

/// <summary>Limits of the full-text extraction (全文提取) of sealed PDF items.</summary>
public sealed record FullTextOptions
{
    /// <summary>The default cap on the text stored per item, in characters (UTF-16 code units).</summary>
    public const int DefaultMaxTextChars = 200_000;

    /// <summary>The default size above which a PDF is not read (PdfPig needs the whole file in memory).</summary>
    public const long DefaultMaxPdfBytes = 64L * 1024 * 1024;

    /// <summary>Text kept per item; the rest is dropped and the row marked truncated.</summary>
    public int MaxTextChars { get; init; } = DefaultMaxTextChars;

    /// <summary>PDFs larger than this are recorded as <c>too-large</c> and not read.</summary>
    public long MaxPdfBytes { get; init; } = DefaultMaxPdfBytes;
}
