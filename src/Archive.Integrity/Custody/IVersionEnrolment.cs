namespace Archive.Integrity.Custody;

/// <summary>
/// Brings sealed versions that are not yet in the custody registry (sealed before custody existed) under custody
/// before a verification run fixes its work list: their objects registered, their chunk digests recorded and bound
/// to the version in the ledger. Implemented by the project that knows the sealed versions.
/// </summary>
public interface IVersionEnrolment
{
    /// <summary>Enrols every unregistered sealed version of <paramref name="projects"/> (null: all projects).</summary>
    /// <param name="projects">The projects in the run's scope, or null for all.</param>
    /// <param name="ct">Cancels the work; enrolment is idempotent and resumes on the next run.</param>
    Task EnrolAsync(IReadOnlyCollection<string>? projects, CancellationToken ct);
}
