using System.Diagnostics;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// TEST HOOK, off unless the environment variable <c>ARCHIVE_FAULT_INJECTION=seal-after:&lt;point&gt;</c> is set:
/// the process kills itself with SIGKILL right after that point of <see cref="SealingJob"/>, so that crash-safety
/// tests can interrupt a real host deterministically. Points: the names of <see cref="SealingStep"/>, and
/// <c>LedgerAppend</c> (the entry is committed, no checkpoint fixed yet). Never set it in production.
/// </summary>
internal static class SealingFaults
{
    public const string Variable = "ARCHIVE_FAULT_INJECTION";

    public const string LedgerAppend = "LedgerAppend";

    private const string Prefix = "seal-after:";

    private static readonly string? KillAfter =
        Environment.GetEnvironmentVariable(Variable) is { } v && v.StartsWith(Prefix, StringComparison.Ordinal) ? v[Prefix.Length..] : null;

    public static void After(SealingStep step) => After(step.ToString());

    public static void After(string point)
    {
        if (KillAfter is not null && string.Equals(KillAfter, point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
            // SIGKILL is delivered at once; never let this thread go on in the meantime.
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
