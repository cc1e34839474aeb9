using NodaTime;

namespace Archive.Integrity.Custody;

/// <summary>The latest completed verification of one copy of a project.</summary>
/// <param name="At">When the run completed.</param>
/// <param name="Run">The run.</param>
/// <param name="Result"><c>ok</c>, <c>repaired</c>, <c>failed</c> or <c>lost</c>.</param>
public sealed record LastVerification(Instant At, Guid Run, string Result);
