namespace Archive.Integrity.Custody;

/// <summary>Verification results of a period (统计报表: 检测与修复).</summary>
/// <param name="Runs">Runs created in the period.</param>
/// <param name="Completed">Those completed.</param>
/// <param name="Failed">Those that failed (could not finish).</param>
/// <param name="ObjectsChecked">Objects checked by them.</param>
/// <param name="BytesChecked">Bytes read by them.</param>
/// <param name="ByProject">Failures, repairs and losses per project, for projects with any.</param>
public sealed record VerificationFigures(
    long Runs, long Completed, long Failed, long ObjectsChecked, long BytesChecked, IReadOnlyList<ProjectVerificationFigures> ByProject);
