using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Archive.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster of one test's own, set up by <c>scripts/lib.sh</c> exactly as <c>./archive</c> sets
/// up its clusters (initdb as the PostgreSQL account, scram-sha-256, the owner and application roles, one database
/// owned by the owner role), so that a fault test may restart or kill it without touching the shared test cluster
/// other test classes use at the same time. Disposing stops it (immediate) and deletes its folder.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Database = "archive";
    private readonly string _folder;

    private PrivatePostgres(string folder, int port) => (_folder, Port) = (folder, port);

    /// <summary>The port the cluster listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>
    /// The host's database settings for the cluster's database (<c>ARCHIVE_DB</c> as the application role,
    /// <c>ARCHIVE_DB_OWNER</c> as the owner), with the tests' pool settings.
    /// </summary>
    public IReadOnlyDictionary<string, string?> HostDatabaseSettings => new Dictionary<string, string?>
    {
        ["ARCHIVE_DB"] = ConnectionString(TestServices.AppRole),
        ["ARCHIVE_DB_OWNER"] = ConnectionString(TestServices.OwnerRole),
    };

    /// <summary>Initialises and starts a new cluster with its database; takes a few seconds.</summary>
    /// <exception cref="InvalidOperationException">scripts/lib.sh failed (its output is in the message).</exception>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), TestServices.UniqueName("archive-pg-"));
        var port = FreePort();
        var pg = new PrivatePostgres(folder, port);
        await pg.RunAsync($"""
            private_folder '{folder}'
            start_postgres '{folder}/pg' '{folder}/run' '{folder}/pgpass' {port}
            PG_PORT={port} ensure_database '{folder}/pgpass' '{folder}/run' {Database}
            """);
        return pg;
    }

    /// <summary><c>pg_ctl restart -m <paramref name="mode"/></c> (<c>fast</c> or <c>immediate</c>), waiting until it accepts connections again.</summary>
    /// <exception cref="InvalidOperationException">pg_ctl failed.</exception>
    public Task RestartAsync(string mode) =>
        RunAsync($"""as_pg "$(pg_bindir)/pg_ctl" -D '{_folder}/pg' -l '{_folder}/pg/server.log' -w -t 60 -m {mode} restart >/dev/null""");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await RunAsync($"""as_pg "$(pg_bindir)/pg_ctl" -D '{_folder}/pg' -m immediate stop >/dev/null || true""");
        Directory.Delete(_folder, recursive: true);
    }

    private string ConnectionString(string role) => TestServices.WithTestPool(new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = role,
        Database = Database,
        Passfile = Path.Combine(_folder, "pgpass"),
    }.ConnectionString);

    private async Task RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"source '{LibraryScript()}'\n{script}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        if (bash.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/lib.sh failed with {bash.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static string LibraryScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "lib.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("scripts/lib.sh was not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
