using Archive.Integrity.Custody;
using NodaTime.Text;

namespace Archive.Api.Verification;

/// <summary>The latest completed verification of one copy: <c>{"at","run","result"}</c> (CONTRACT §8).</summary>
/// <param name="At">When the run completed (ISO-8601 UTC).</param>
/// <param name="Run">The run's id.</param>
/// <param name="Result"><c>ok</c>, <c>repaired</c>, <c>failed</c> or <c>lost</c>.</param>
public sealed record LastVerificationView(string At, Guid Run, string Result)
{
    /// <summary>The view of both copies of a project, or null when neither was ever verified.</summary>
    /// <param name="last">The latest verification per copy.</param>
    public static IReadOnlyDictionary<string, LastVerificationView?>? Of(IReadOnlyDictionary<CopyKind, LastVerification> last)
    {
        ArgumentNullException.ThrowIfNull(last);
        if (last.Count == 0)
        {
            return null;
        }

        LastVerificationView? View(CopyKind copy) =>
            last.TryGetValue(copy, out var v) ? new LastVerificationView(InstantPattern.ExtendedIso.Format(v.At), v.Run, v.Result) : null;
        return new Dictionary<string, LastVerificationView?> { [CopyNames.Online] = View(CopyKind.Online), [CopyNames.Offline] = View(CopyKind.Offline) };
    }
}
