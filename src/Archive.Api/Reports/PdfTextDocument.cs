namespace Archive.Api.Reports;

/// <summary>A plain text document to render as PDF: a title, optional heading lines, then paragraphs.</summary>
/// <param name="Title">Printed large on the first page and stored as the PDF title.</param>
/// <param name="Paragraphs">Body paragraphs; wrapped at character level (Chinese has no spaces to break on).</param>
public sealed record PdfTextDocument(string Title, IReadOnlyList<string> Paragraphs)
{
    /// <summary>The PDF subject field.</summary>
    public string? Subject { get; init; }

    /// <summary>The PDF author field (e.g. the issuing organisation).</summary>
    public string? Author { get; init; }

    /// <summary>
    /// The creation time written into the PDF. Fixed input gives byte-identical output, so re-rendering the same
    /// document yields the same digest (the import skips what is archived already).
    /// </summary>
    public DateTimeOffset CreatedAt { get; init; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A footer line printed on every page (page numbers are added after it).</summary>
    public string? Footer { get; init; }
}
