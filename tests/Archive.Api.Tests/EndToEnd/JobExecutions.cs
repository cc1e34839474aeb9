using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Hangfire job executions as the hosts log them (<c>Archive.Api.Hosting.JobExecutionLog</c>): one per start line, ended
/// by the same process's next end line of that job, or by the process's death, or still running.
/// </summary>
internal static partial class JobExecutions
{
    /// <summary>One execution of a job on one process; <paramref name="Ended"/> is null while it runs.</summary>
    public sealed record Execution(string JobId, string Method, string Process, DateTimeOffset Started, DateTimeOffset? Ended, string Outcome);

    /// <summary>The executions <paramref name="host"/> logged; one it never ended ends when the process died (outcome <c>killed</c>).</summary>
    public static IReadOnlyList<Execution> Of(ChildHost host)
    {
        var open = new Dictionary<(string Job, string Process), (string Method, DateTimeOffset Started)>();
        var done = new List<Execution>();
        foreach (var line in host.Lines)
        {
            if (Started().Match(line) is { Success: true } s)
            {
                open[(s.Groups["job"].Value, s.Groups["process"].Value)] = (s.Groups["method"].Value, Instant(s));
            }
            else if (Ended().Match(line) is { Success: true } e && open.Remove((e.Groups["job"].Value, e.Groups["process"].Value), out var run))
            {
                done.Add(new(e.Groups["job"].Value, run.Method, e.Groups["process"].Value, run.Started, Instant(e), e.Groups["outcome"].Value));
            }
        }

        done.AddRange(open.Select(o => new Execution(o.Key.Job, o.Value.Method, o.Key.Process, o.Value.Started, host.ExitedAt, host.ExitedAt is null ? "running" : "killed")));
        return done;
    }

    /// <summary>Asserts that no job's executions overlap in time, across every process; a running one lasts for ever.</summary>
    public static void AssertNeverTwiceAtOnce(IEnumerable<Execution> executions)
    {
        foreach (var job in executions.GroupBy(e => e.JobId))
        {
            var runs = job.OrderBy(e => e.Started).ToList();
            for (var i = 1; i < runs.Count; i++)
            {
                var (before, after) = (runs[i - 1], runs[i]);
                Assert.True(before.Ended is { } end && end <= after.Started,
                    $"job {job.Key} ran twice at once: {before} and {after}");
            }
        }
    }

    private static DateTimeOffset Instant(Match m) => DateTimeOffset.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"Job (?<job>\S+) (?<method>\S+) started on (?<process>\S+) at (?<at>\S+)")]
    private static partial Regex Started();

    [GeneratedRegex(@"Job (?<job>\S+) (?<method>\S+) ended on (?<process>\S+) at (?<at>\S+): (?<outcome>\w+)")]
    private static partial Regex Ended();
}
