namespace Archive.Ingest.FullText.Internal;

/// <summary>What extraction found in one PDF.</summary>
internal sealed record ExtractedText(string Status, string Text, int Pages, bool Truncated, string? Problem);
