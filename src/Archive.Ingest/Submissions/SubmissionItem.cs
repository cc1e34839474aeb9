using NodaTime;

namespace Archive.Ingest.Submissions;

/// <summary>One item received into a submission's staging area, hashed while it streamed.</summary>
/// <param name="Path">Normalised path inside the package.</param>
/// <param name="Role">Checklist role, e.g. <c>tender-notice</c>.</param>
/// <param name="MediaType">Declared media type, checked against the bytes' signature.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">SHA-256, lower-case hex.</param>
/// <param name="Sm3">SM3 (GB/T 32905), lower-case hex.</param>
/// <param name="ReceivedAt">When the last byte arrived.</param>
/// <param name="StagingKey">Where the bytes wait in the online store until sealing.</param>
public sealed record SubmissionItem(string Path, string Role, string MediaType, long Size, string Sha256, string Sm3, Instant ReceivedAt, string StagingKey)
{
    /// <summary>The recording metadata of a venue audio/video item, or null.</summary>
    public RecordingMetadata? Recording { get; init; }
}
