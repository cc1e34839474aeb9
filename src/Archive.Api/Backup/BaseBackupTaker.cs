using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Archive.Core.Errors;
using Archive.Storage;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Api.Backup;

/// <summary>
/// Takes a base backup with <c>pg_basebackup</c> (tar format with the WAL it needs, <c>-X fetch</c>, to standard
/// output) and streams it into the offline store as <c>backups/base/&lt;UTC time&gt;/base.tar</c>, then writes the
/// <see cref="BaseBackupRecord"/> beside it. Nothing is buffered: the store hashes the stream while it writes.
/// </summary>
/// <param name="offline">The offline store.</param>
/// <param name="clock">The time source of the backup's id and times.</param>
public sealed partial class BaseBackupTaker(IObjectStore offline, IClock clock)
{
    /// <summary>The key prefix of base backups in the offline store.</summary>
    public const string Prefix = "backups/base/";

    /// <summary>The name of the record written last into each backup's folder.</summary>
    public const string RecordName = "backup.json";

    private static readonly InstantPattern IdPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    /// <summary>Takes one base backup.</summary>
    /// <param name="settings">The program and the replication connection.</param>
    /// <param name="ct">Cancels the backup (the program is killed; no record is written).</param>
    /// <returns>The record written.</returns>
    /// <exception cref="BackupException"><c>backup.not-configured</c> or <c>backup.exists</c>.</exception>
    /// <exception cref="InvalidOperationException"><c>pg_basebackup</c> failed (its message, never a password).</exception>
    /// <exception cref="StorageException">The offline store failed.</exception>
    public async Task<BaseBackupRecord> TakeAsync(BackupSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connection = settings.Database is { } database
            ? new NpgsqlConnectionStringBuilder(database)
            : throw new BackupException(ErrorKind.Invalid, "backup.not-configured", "未配置备份连接（ARCHIVE_BACKUP_DB），无法进行数据库基础备份。");
        var started = clock.GetCurrentInstant();
        var id = IdPattern.Format(started);
        var key = $"{Prefix}{id}/base.tar";
        if (await offline.StatAsync(key, ct) is not null)
        {
            throw new BackupException(ErrorKind.Conflict, "backup.exists", $"同一时刻的基础备份 {id} 已存在，未覆盖。");
        }

        using var process = Process.Start(StartInfo(settings.PgBaseBackup(), connection, id))
            ?? throw new InvalidOperationException("pg_basebackup did not start.");
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        StoredObject stored;
        try
        {
            stored = await offline.PutAsync(key, process.StandardOutput.BaseStream, new PutOptions { ContentType = "application/x-tar" }, ct);
            await process.WaitForExitAsync(ct);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            // A stream cut short by a failed pg_basebackup is no backup: without its record it would be ignored, but go.
            await offline.DeleteAsync(key, CancellationToken.None);
            throw new InvalidOperationException($"pg_basebackup failed with exit code {process.ExitCode}: {(await error).Trim()}");
        }

        var record = new BaseBackupRecord(id, started, clock.GetCurrentInstant(), await StartWalAsync(key, ct), key, stored.Size, stored.Digests.Sha256Hex);
        var bytes = Encoding.UTF8.GetBytes(record.ToJson().ToJsonString());
        using var content = new MemoryStream(bytes, writable: false);
        await offline.PutAsync($"{Prefix}{id}/{RecordName}", content, new PutOptions { ContentType = "application/json", Length = bytes.Length }, ct);
        return record;
    }

    private static ProcessStartInfo StartInfo(string program, NpgsqlConnectionStringBuilder connection, string id)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-", "-F", "t", "-X", "fetch", "--checkpoint=fast", "--no-password", "-l", $"archive base backup {id}" })
        {
            start.ArgumentList.Add(argument);
        }

        // The connection goes through libpq's environment: the password (if any) never appears on a command line.
        Set(start, "PGHOST", connection.Host);
        Set(start, "PGPORT", connection.Port.ToString(CultureInfo.InvariantCulture));
        Set(start, "PGUSER", connection.Username);
        Set(start, "PGPASSFILE", connection.Passfile);
        Set(start, "PGPASSWORD", connection.Password);
        Set(start, "PGAPPNAME", "archive-base-backup");
        return start;
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (value is { Length: > 0 })
        {
            start.Environment[name] = value;
        }
        else
        {
            start.Environment.Remove(name);
        }
    }

    // backup_label is the tar's first member: "START WAL LOCATION: 0/2000028 (file 000000010000000000000002)".
    private async Task<string> StartWalAsync(string key, CancellationToken ct)
    {
        await using var stream = await offline.GetAsync(key, new ByteRange(0, 4096), ct);
        var head = new byte[4096];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        return StartWal().Match(Encoding.ASCII.GetString(head, 0, read)) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"The base backup {key} does not begin with a backup_label naming its first WAL segment.");
    }

    [GeneratedRegex(@"START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)")]
    private static partial Regex StartWal();
}
