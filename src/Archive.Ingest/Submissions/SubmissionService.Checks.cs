using Archive.Core.Errors;
using Archive.Ingest.FourProperties;
using Npgsql;

namespace Archive.Ingest.Submissions;

/// <summary>The checks every seal request runs, shared by the trading system's seal and the archivist's seal with gaps.</summary>
public sealed partial class SubmissionService
{
    /// <summary>Every problem of the submission at once (metadata, checklist, paths, 四性 content checks), and the seal-check record.</summary>
    internal async Task<(List<ArchiveProblem> Problems, SealTimeCheckResult Content)> CheckForSealAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, Submission submission, CancellationToken ct)
    {
        var items = await SubmissionStore.ItemsAsync(conn, tx, submission.Id, ct);
        var carried = await SubmissionStore.LatestVersionItemsAsync(conn, tx, submission.ProjectCode, ct);
        var problems = (await SealChecks.FindProblemsAsync(submission, items, carried, policies, validator, stores.Online, ct)).ToList();
        var (segment, version) = await SubmissionStore.NextVersionAsync(conn, tx, submission.ProjectCode, ct);
        problems.AddRange(PackagePathChecks.Find(items, carried, segment, version));
        var content = await contentChecks.RunAsync(submission, items, stores.Online, ct);
        problems.AddRange(content.Problems);
        return (problems, content);
    }
}
