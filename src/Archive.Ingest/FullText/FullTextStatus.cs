namespace Archive.Ingest.FullText;

/// <summary>The outcome of extracting one item's text, as stored in <c>ingest.item_texts.status</c>.</summary>
public static class FullTextStatus
{
    /// <summary>Text was extracted (possibly truncated at the cap).</summary>
    public const string Text = "text";

    /// <summary>The PDF opened but has no text layer (a scan, say): nothing to search.</summary>
    public const string NoText = "no-text";

    /// <summary>The PDF could not be read; the row's problem says why.</summary>
    public const string Failed = "failed";

    /// <summary>The PDF is larger than <see cref="FullTextOptions.MaxPdfBytes"/> and was not read.</summary>
    public const string TooLarge = "too-large";
}
