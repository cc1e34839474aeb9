namespace Archive.Ingest.FullText.Internal;

/// <summary>A sealed PDF item whose text is not recorded yet.</summary>
internal sealed record PendingPdf(string ProjectCode, int Version, string Path, long Size, string Sha256, string Sm3, string ObjectKey, string StorageSegment);
