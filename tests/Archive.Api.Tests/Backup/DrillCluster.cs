using Archive.Api.Tests.Cli;
using Archive.Api.Tests.Infrastructure;
using Npgsql;

namespace Archive.Api.Tests.Backup;

/// <summary>
/// A throw-away embedded cluster for the restore drill, laid out like a data folder (<c>pg/</c>, <c>run/</c>,
/// <c>db.pgpass</c>, <c>pg-wal-spool/</c>) and started by the same scripts as <c>./archive up</c>, so its WAL archiving is
/// the real one. Never the shared test cluster, which other tests use while this one is stopped and destroyed.
/// </summary>
internal sealed class DrillCluster(string root)
{
    public string Data { get; } = Path.Combine(root, "data");

    public string Spool => Path.Combine(Data, "pg-wal-spool");

    public string Superuser => $"Host={Data}/run;Username=archive;Database=archive;Passfile={Data}/db.pgpass;Pooling=false";

    public string Owner => $"Host={Data}/run;Username=archive_owner;Database=archive;Passfile={Data}/db.pgpass;Pooling=false";

    public string Backup => $"Host={Data}/run;Username=archive_backup;Passfile={Data}/db.pgpass";

    public Task StartAsync() =>
        ShellAsync($"private_folder '{root}' && private_folder '{Data}' && start_embedded_postgres '{Data}' && ensure_database '{Data}/db.pgpass' '{Data}/run' archive");

    public Task StopAsync() => ShellAsync($"stop_postgres '{Data}/pg'");

    /// <summary>Switches to a new WAL segment and waits until the archive command has spooled the finished one.</summary>
    public async Task SwitchWalAsync()
    {
        await using var connection = new NpgsqlConnection(Superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", connection);
        var finished = (string)(await command.ExecuteScalarAsync())!;
        for (var i = 0; i < 300 && !File.Exists(Path.Combine(Spool, finished)); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(Spool, finished)), $"WAL segment {finished} was not spooled");
    }

    /// <summary><c>./archive restore</c>'s PostgreSQL half, with the host's <c>restore fetch</c> reading <paramref name="offline"/>.</summary>
    public Task<string> RestoreAsync(string target, string offline, bool expectSuccess = true) =>
        ShellAsync(
            $"export ARCHIVE_DB='{Superuser}' ARCHIVE_OFFLINE='{offline}' ARCHIVE_DATA_DIR='{Data}' ARCHIVE_BACKUP_SPOOL='{Spool}'; " +
            $"dotnet() {{ '{ArchiveHostLocator.Dotnet()}' \"$@\"; }}; restore_cluster '{Data}' '{target}' '{ArchiveHostLocator.ApiDll()}'",
            expectSuccess);

    public async Task<string> ShellAsync(string script, bool expectSuccess = true)
    {
        var repository = ServicesCommandTests.RepositoryRoot();
        var (exit, output) = await ExternalTool.RunAsync(repository, "bash", "-c",
            $"set -euo pipefail; ROOT='{repository}'; export PG_FSYNC=off; source scripts/lib.sh; source scripts/backup.sh; {script}");
        Assert.True(!expectSuccess || exit == 0, $"exit {exit}: {script}\n{output}");
        Assert.True(expectSuccess || exit != 0, $"succeeded unexpectedly: {script}\n{output}");
        return output;
    }
}
