namespace Archive.Integrity.Custody;

/// <summary>One project's verification failures in a period.</summary>
/// <param name="Project">The project code.</param>
/// <param name="Failures">Objects (per copy) that failed a check.</param>
/// <param name="Repaired">Of those, repaired from the other copy.</param>
/// <param name="Lost">Of those, lost in both copies.</param>
public sealed record ProjectVerificationFigures(string Project, long Failures, long Repaired, long Lost);
