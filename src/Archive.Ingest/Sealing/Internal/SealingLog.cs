using Microsoft.Extensions.Logging;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>The sealing jobs' log messages (event ids 3100–3199).</summary>
internal static partial class SealingLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Sealed submission {SubmissionId}: {ProjectCode} v{Version}, manifest {ManifestSha256}, ledger entry {LedgerIndex}")]
    public static partial void Archived(ILogger logger, Guid submissionId, string projectCode, int version, string manifestSha256, long ledgerIndex);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Submission {SubmissionId} is being sealed by another worker")]
    public static partial void Busy(ILogger logger, Guid submissionId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Submission {SubmissionId} rejected while sealing: {Code} {Field}")]
    public static partial void Rejected(ILogger logger, Exception exception, Guid submissionId, string code, string? field);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Submission {SubmissionId} cannot be sealed without an operator: {Code} {Field}")]
    public static partial void NeedsOperator(ILogger logger, Exception exception, Guid submissionId, string code, string? field);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Sealing job of submission {SubmissionId} not enqueued: the database is unavailable; retrying in the background")]
    public static partial void EnqueueDeferred(ILogger logger, Guid submissionId);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Sealing job of submission {SubmissionId} enqueued after {Attempts} retries")]
    public static partial void EnqueuedLate(ILogger logger, Guid submissionId, int attempts);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Error, Message = "Sealing job of submission {SubmissionId} could not be enqueued; the recovery job will schedule it")]
    public static partial void EnqueueAbandoned(ILogger logger, Exception? exception, Guid submissionId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Re-scheduling submission {SubmissionId}, left in 'sealing'")]
    public static partial void Rescheduling(ILogger logger, Guid submissionId);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "{Count} submissions are idle past the staging limit or rejected and wait for an archivist's decision (seal with gaps or discard)")]
    public static partial void StagingAwaitingDecision(ILogger logger, int count);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Removed {Count} staged objects left by {Status} submission {SubmissionId}")]
    public static partial void StagingRemoved(ILogger logger, int count, string status, Guid submissionId);
}
