namespace Archive.Ingest.Submissions;

/// <summary>Hands a submission whose checks passed to the background sealing job (arguments: ids only).</summary>
public interface ISealingScheduler
{
    /// <summary>Schedules sealing of <paramref name="submissionId"/>; safe to call more than once.</summary>
    void ScheduleSealing(Guid submissionId);
}
