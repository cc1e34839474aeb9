using System.Globalization;
using System.Security.Cryptography;
using Archive.Core.Errors;
using Archive.Storage;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Backup;

/// <summary>
/// The offline-store half of <c>./archive restore</c>: picks the newest base backup completed before the target and the
/// WAL shipped after it, and fetches them into a folder for <c>scripts/backup.sh</c> to recover from. Segments are
/// assumed to be PostgreSQL's default 16 MiB (the embedded cluster's).
/// </summary>
/// <param name="offline">The offline store.</param>
/// <param name="clock">What "now" is, for refusing a target in the future.</param>
public sealed class RestorePlanner(IObjectStore offline, IClock clock)
{
    private const int SegmentsPerLog = 0x100;

    /// <summary>Chooses what a restore to <paramref name="target"/> uses.</summary>
    /// <param name="target">The instant, or null for the newest state the shipped WAL holds.</param>
    /// <param name="ct">Cancels the listing.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="BackupException">
    /// <c>restore.target-in-future</c>, <c>restore.no-backup</c>, or <c>restore.wal-missing</c> (a gap in the shipped WAL
    /// when restoring to the newest state).
    /// </exception>
    public async Task<RestorePlan> PlanAsync(Instant? target, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        if (target > now)
        {
            throw new BackupException(ErrorKind.Invalid, "restore.target-in-future",
                $"恢复目标时间 {InstantPattern.ExtendedIso.Format(target.Value)} 晚于当前时间，无法恢复到未来。");
        }

        var backup = await NewestBackupAsync(target ?? now, ct)
            ?? throw new BackupException(ErrorKind.NotFound, "restore.no-backup",
                $"离线存储中没有在 {InstantPattern.ExtendedIso.Format(target ?? now)} 之前完成的数据库基础备份。");

        var start = SegmentNumber(backup.StartWal);
        var segments = new SortedDictionary<long, List<string>>();
        var histories = new List<string>();
        await foreach (var info in offline.ListAsync(WalShipper.Prefix, ct))
        {
            var name = info.Key[WalShipper.Prefix.Length..];
            if (name.EndsWith(".history", StringComparison.Ordinal))
            {
                histories.Add(info.Key);
            }
            else if (name.Length == 24 && name.All(char.IsAsciiHexDigitUpper) && SegmentNumber(name) >= start)
            {
                (segments.TryGetValue(SegmentNumber(name), out var keys) ? keys : segments[SegmentNumber(name)] = []).Add(info.Key);
            }
        }

        // The backup's own first segment is inside base.tar; the run continues while each next segment was shipped.
        var last = start;
        while (segments.ContainsKey(last + 1))
        {
            last++;
        }

        if (target is null && segments.Keys.Any(s => s > last))
        {
            throw new BackupException(ErrorKind.Unprocessable, "restore.wal-missing",
                $"离线存储中的 WAL 在 {SegmentName(last + 1)} 处缺失（其后仍有已归档的段），无法恢复到最新状态；请用 --to 指定缺失之前的时间点。");
        }

        var wal = segments.Where(s => s.Key <= last).SelectMany(s => s.Value).Concat(histories).ToList();
        return new RestorePlan(backup, target, wal, backup.StartWal, segments.TryGetValue(last, out var tail) ? tail.Max(StringComparer.Ordinal)![WalShipper.Prefix.Length..] : backup.StartWal);
    }

    /// <summary>Copies the plan's base backup (checked against its recorded SHA-256) and WAL files into <paramref name="folder"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="folder">The folder: <c>base.tar</c> and <c>wal/</c> go into it.</param>
    /// <param name="ct">Cancels the copies.</param>
    /// <exception cref="BackupException"><c>restore.backup-damaged</c>: the base backup's bytes differ from its record.</exception>
    public async Task FetchAsync(RestorePlan plan, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sha256 = await CopyAsync(plan.Backup.Key, Path.Combine(folder, "base.tar"), ct);
        if (!string.Equals(sha256, plan.Backup.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupException(ErrorKind.Integrity, "restore.backup-damaged",
                $"基础备份 {plan.Backup.Id} 的内容与备份记录中的 SHA-256 不一致，未使用。");
        }

        Directory.CreateDirectory(Path.Combine(folder, "wal"));
        foreach (var key in plan.Wal)
        {
            await CopyAsync(key, Path.Combine(folder, "wal", key[WalShipper.Prefix.Length..]), ct);
        }
    }

    private async Task<BaseBackupRecord?> NewestBackupAsync(Instant before, CancellationToken ct)
    {
        BaseBackupRecord? newest = null;
        await foreach (var info in offline.ListAsync(BaseBackupTaker.Prefix, ct))
        {
            if (!info.Key.EndsWith("/" + BaseBackupTaker.RecordName, StringComparison.Ordinal))
            {
                continue;
            }

            await using var stream = await offline.GetAsync(info.Key, null, ct);
            using var reader = new StreamReader(stream);
            var record = BaseBackupRecord.Parse(await reader.ReadToEndAsync(ct));
            if (record.CompletedAt <= before && (newest is null || record.CompletedAt > newest.CompletedAt))
            {
                newest = record;
            }
        }

        return newest;
    }

    private async Task<string> CopyAsync(string key, string path, CancellationToken ct)
    {
        await using var source = await offline.GetAsync(key, null, ct);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static long SegmentNumber(string name) =>
        (long.Parse(name.AsSpan(8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) * SegmentsPerLog)
        + long.Parse(name.AsSpan(16, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string SegmentName(long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{number / SegmentsPerLog:X8}{number % SegmentsPerLog:X8}");
}
