namespace Archive.Api.Statistics;

/// <summary>The year's verification runs (检测与修复).</summary>
/// <param name="Runs">Runs created in the year.</param>
/// <param name="Completed">Completed runs.</param>
/// <param name="Failed">Runs that could not finish.</param>
/// <param name="ObjectsChecked">Objects checked.</param>
/// <param name="BytesChecked">Bytes read.</param>
/// <param name="Failures">Objects that failed a check.</param>
/// <param name="Repaired">Repaired from the other copy.</param>
/// <param name="Lost">Lost in both copies.</param>
public sealed record VerificationTotals(long Runs, long Completed, long Failed, long ObjectsChecked, long BytesChecked, long Failures, long Repaired, long Lost);
