namespace Archive.Ingest.Submissions;

/// <summary>One problem of a submission, reported with all others at once (一次性告知).</summary>
/// <param name="Code">Stable code, e.g. <c>checklist.missing-role</c>.</param>
/// <param name="Field">The offending field or item path, if any.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record IngestProblem(string Code, string? Field, string Message);
