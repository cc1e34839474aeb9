using Archive.Ingest.Submissions;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// A failure that retrying will not heal. <see cref="Reject"/>: nothing was sealed and the submission is rejected
/// (the platform must submit again); otherwise it stays in <c>sealing</c> with the problem recorded for an operator.
/// </summary>
internal sealed class SealingFailedException(IngestProblem problem, bool reject, Exception? inner = null)
    : Exception(problem.Message, inner)
{
    public IngestProblem Problem { get; } = problem;

    public bool Reject { get; } = reject;
}
