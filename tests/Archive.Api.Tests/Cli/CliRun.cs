using Archive.Api.Cli;
using Archive.Api.Tests.Infrastructure;
using Spectre.Console;

namespace Archive.Api.Tests.Cli;

/// <summary>Runs the program's commands in-process against a test host's ARCHIVE_* settings, capturing the console.</summary>
internal static class CliRun
{
    public static IReadOnlyDictionary<string, string?> SettingsOf(ArchiveApiFactory factory) => new Dictionary<string, string?>
    {
        ["ARCHIVE_DATA_DIR"] = factory.DataDirectory,
        ["ARCHIVE_DB"] = factory.Setting("ARCHIVE_DB"),
        ["ARCHIVE_DB_OWNER"] = factory.Setting("ARCHIVE_DB_OWNER"),
        ["ARCHIVE_ONLINE"] = "file:" + Path.Combine(factory.DataDirectory, "online"),
        ["ARCHIVE_OFFLINE"] = "file:" + Path.Combine(factory.DataDirectory, "offline"),
        ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = factory.AdminToken,
        ["ARCHIVE_CHECKPOINT_SECONDS"] = "1",
        ["ARCHIVE_CLAMAV_DB"] = Archive.Testing.TestServices.ClamAvTestDatabase,
        ["ARCHIVE_PROBE_MEDIA"] = "false",
        ["ARCHIVE_IMPORT_WAIT_SECONDS"] = "120",
    };

    public static Task<(int ExitCode, string Output)> ImportAsync(ArchiveApiFactory factory, string directory) =>
        RunAsync(["import", directory], SettingsOf(factory));

    /// <summary>Runs the command line in process on a plain, wide console; returns its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> settings)
    {
        var (console, output) = PlainConsole();
        var exit = await ArchiveCli.RunAsync(args, console, settings);
        return (exit, output.ToString());
    }

    /// <summary>A plain, wide console writing into the returned writer.</summary>
    public static (IAnsiConsole Console, StringWriter Output) PlainConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400;
        return (console, output);
    }
}
