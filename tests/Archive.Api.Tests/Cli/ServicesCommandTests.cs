using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Archive.Api.Tests.Cli;

/// <summary>
/// <c>./archive services</c> stopped by SIGTERM (what a terminal's window close, systemd or CI send) stops PostgreSQL,
/// s3rver and Azurite and removes its folder under /tmp. It starts services of its own beside the run's.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class ServicesCommandTests
{
    // Generous: stopping PostgreSQL on two shared cores under a whole test run can take half a minute.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Services_StopsEveryServiceAndRemovesItsFolder_WhenTerminated()
    {
        var scratch = Directory.CreateTempSubdirectory("archive-services-test-").FullName;
        var (envFile, log) = (Path.Combine(scratch, "services.env"), Path.Combine(scratch, "services.log"));
        using var services = StartServices(envFile, log);
        try
        {
            var env = await WaitForEnvFileAsync(services, envFile, log);
            var ports = new[] { Port(env, "ARCHIVE_TEST_DB", PgPort()), Port(env, "ARCHIVE_TEST_S3", UriPort()), Port(env, "ARCHIVE_TEST_AZURE", UriPort()) };
            var folder = ServicesFolder().Match(ReadLog(log)) is { Success: true } m ? m.Value : throw new InvalidOperationException($"no folder in:\n{ReadLog(log)}");
            foreach (var port in ports)
            {
                Assert.True(await AnswersAsync(port), $"port {port} does not answer while the services run");
            }

            Assert.NotEmpty(PostgresProcesses(folder));

            await SignalAsync(services.Id, "TERM");
            Assert.True(await ExitsWithinAsync(services, StopTimeout), $"./archive services still runs {StopTimeout} after SIGTERM:\n{ReadLog(log)}");

            Assert.Equal(143, services.ExitCode);
            foreach (var port in ports)
            {
                Assert.False(await AnswersAsync(port), $"port {port} still answers after SIGTERM");
            }

            Assert.Empty(PostgresProcesses(folder));
            Assert.False(Directory.Exists(folder), $"{folder} is left behind");
        }
        finally
        {
            // Never leave a second set of services running when an assertion failed half-way.
            if (!services.HasExited)
            {
                await SignalAsync(services.Id, "TERM");
                await ExitsWithinAsync(services, StopTimeout);
            }

            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static Process StartServices(string envFile, string log)
    {
        var script = Path.Combine(RepositoryRoot(), "archive");
        // The shell redirects, so that the services' output never fills a pipe nobody reads.
        var start = new ProcessStartInfo("bash", ["-c", "exec \"$0\" services >\"$1\" 2>&1", script, log]) { UseShellExecute = false };
        start.Environment["ARCHIVE_SERVICES_ENV"] = envFile;
        return Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
    }

    private static async Task<string> WaitForEnvFileAsync(Process services, string envFile, string log)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            Assert.False(services.HasExited, $"./archive services exited with {(services.HasExited ? services.ExitCode : 0)}:\n{ReadLog(log)}");
            if (File.Exists(envFile) && File.ReadAllLines(envFile).Length == 5 && ReadLog(log).Contains("services running", StringComparison.Ordinal))
            {
                return File.ReadAllText(envFile);
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"./archive services wrote no environment within 5 minutes:\n{ReadLog(log)}");
    }

    private static string ReadLog(string log) => File.Exists(log) ? File.ReadAllText(log) : "";

    private static string Value(string env, string name) =>
        Regex.Match(env, $"^export {name}='([^']*)'$", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"{name} is missing from:\n{env}");

    private static int Port(string env, string name, Regex pattern) =>
        int.Parse(pattern.Match(Value(env, name)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/tmp/archive-services\.\w+")]
    private static partial Regex ServicesFolder();

    [GeneratedRegex(@"Port=(\d+)")]
    private static partial Regex PgPort();

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex UriPort();

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The ids of processes whose command line names <paramref name="folder"/>'s cluster (the postmaster and its workers).</summary>
    private static List<int> PostgresProcesses(string folder)
    {
        var ids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains("postgres", StringComparison.Ordinal) && commandLine.Contains(folder + "/pg", StringComparison.Ordinal))
                {
                    ids.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return ids;
    }

    private static async Task SignalAsync(int processId, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "archive")) && File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no repository root (with ./archive) above {AppContext.BaseDirectory}");
    }
}
