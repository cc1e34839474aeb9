using System.Diagnostics;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Runs a standard command-line tool (unzip, sha256sum) and returns its exit code and output.</summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="file"/> in <paramref name="directory"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
