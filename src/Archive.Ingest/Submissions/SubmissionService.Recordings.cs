using Archive.Core.Errors;

namespace Archive.Ingest.Submissions;

/// <summary>Recording metadata of venue audio/video items (issue 11 §2).</summary>
public sealed partial class SubmissionService
{
    // The general role of earlier policy versions; its metadata is optional (checked when sent).
    private const string LegacyRecordingRole = "av-recording";

    /// <summary>
    /// The checked recording metadata for an item of <paramref name="role"/>: required on a checklist role marked
    /// <c>recording: true</c>, optional on the legacy <c>av-recording</c> role, refused on any other role.
    /// </summary>
    private RecordingMetadata? RecordingFor(Submission submission, string role, RecordingInput? input)
    {
        var category = SubmissionMetadataJson.Read(submission.Metadata).Metadata.Category;
        var isRecording = policies.Get(category!).FindItem(role)?.Recording ?? false;
        if (input is null || input.IsEmpty)
        {
            return isRecording
                ? RecordingMetadata.Parse(input ?? new RecordingInput(null, null, null, null))
                : null;
        }

        if (!isRecording && role != LegacyRecordingRole)
        {
            throw new IngestException(ErrorKind.Invalid, "item.recording-unexpected",
                $"材料类型“{role}”不是音视频类型，不应带录制元数据（X-Recording-*）。", "X-Item-Role");
        }

        return RecordingMetadata.Parse(input);
    }
}
