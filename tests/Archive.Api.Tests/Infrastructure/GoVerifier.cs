using System.Diagnostics;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>
/// Runs tools/ledger-verify, built by <c>./archive test</c> from Go's golang.org/x/mod/sumdb/note and
/// sumdb/tlog: an implementation of the checks that shares no code with the archive.
/// </summary>
public static class GoVerifier
{
    /// <summary>Runs the verifier on <paramref name="directory"/>; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory)
    {
        var path = Environment.GetEnvironmentVariable("ARCHIVE_TEST_GO_VERIFIER") is { Length: > 0 } p
            ? p
            : throw new InvalidOperationException("ARCHIVE_TEST_GO_VERIFIER is not set: run the tests through ./archive test.");
        var start = new ProcessStartInfo(path, [directory]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
