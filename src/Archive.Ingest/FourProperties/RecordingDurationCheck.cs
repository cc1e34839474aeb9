using System.Globalization;
using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;

namespace Archive.Ingest.FourProperties;

/// <summary>
/// 真实性 of venue recordings: the duration <c>ffprobe</c> read must agree with the declared start and end times,
/// within max(5 s, 2 %) of the declared length. A contradiction is a seal problem, reported with all the others.
/// </summary>
internal static class RecordingDurationCheck
{
    /// <summary>The smallest tolerance, in seconds.</summary>
    public const double MinimumToleranceSeconds = 5;

    /// <summary>The tolerance as a share of the declared length.</summary>
    public const double RelativeTolerance = 0.02;

    /// <summary>Adds the declared metadata and the comparison to <paramref name="usability"/>; returns a problem or null.</summary>
    public static ArchiveProblem? Check(SubmissionItem item, JsonObject usability)
    {
        if (item.Recording is not { } recording)
        {
            return null;
        }

        var declared = recording.Declared.TotalSeconds;
        var record = recording.ToJson();
        record["declaredSeconds"] = Seconds(declared);
        usability["recording"] = record;
        if ((string?)usability["durationSeconds"] is not { } text
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var probed))
        {
            // Not probed (probing disabled, or the item is unreadable, which is reported on its own).
            record["durationCheck"] = "not-checked";
            return null;
        }

        var tolerance = Math.Max(MinimumToleranceSeconds, declared * RelativeTolerance);
        var agrees = Math.Abs(probed - declared) <= tolerance;
        record["durationCheck"] = agrees ? "ok" : "contradiction";
        return agrees
            ? null
            : new ArchiveProblem("item.recording-duration", item.Path,
                $"录像实际时长 {Seconds(probed)} 秒（ffprobe）与申报的录制起止时间（{record["start"]} 至 {record["end"]}，共 {Seconds(declared)} 秒）不符，超出允许误差 {Seconds(tolerance)} 秒；请核对录制时间或更换完整的录像文件。");
    }

    private static string Seconds(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
