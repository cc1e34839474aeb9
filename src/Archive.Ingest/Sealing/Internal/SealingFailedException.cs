using Archive.Core.Errors;
using Archive.Ingest.Submissions;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// A failure that retrying will not heal. <see cref="Reject"/>: nothing was sealed and the submission is rejected
/// (the platform must submit again); otherwise it stays in <c>sealing</c> with the problem recorded for an operator.
/// </summary>
internal sealed class SealingFailedException(ArchiveProblem problem, bool reject, Exception? inner = null)
    : ArchiveException(problem.Message, inner)
{
    public override ErrorKind Kind => ErrorKind.Unprocessable;

    public override string Code => Problem.Code;

    public override string? Field => Problem.Field;

    public ArchiveProblem Problem { get; } = problem;

    public bool Reject { get; } = reject;
}
