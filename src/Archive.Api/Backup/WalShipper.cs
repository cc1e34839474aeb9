using System.Security.Cryptography;
using Archive.Core.Errors;
using Archive.Storage;

namespace Archive.Api.Backup;

/// <summary>
/// Ships the WAL segments the cluster spooled (<see cref="BackupSettings.Spool"/>) to the offline store under
/// <see cref="Prefix"/>, oldest first, and removes each from the spool only after the store confirmed its digest. The
/// offline copy is written once: a segment already there with the same bytes counts as shipped (a crash after the put);
/// different bytes are never overwritten but refused loudly, and the segment stays in the spool.
/// </summary>
/// <param name="offline">The offline store.</param>
public sealed class WalShipper(IObjectStore offline)
{
    /// <summary>The key prefix of shipped WAL files (segments and timeline history files) in the offline store.</summary>
    public const string Prefix = "backups/wal/";

    /// <summary>Ships every finished segment in <paramref name="spool"/>.</summary>
    /// <param name="spool">The spool folder; a missing folder ships nothing.</param>
    /// <param name="ct">Cancels the work; what was shipped stays shipped.</param>
    /// <returns>How many files were shipped (or found shipped already) and removed from the spool.</returns>
    /// <exception cref="BackupException"><c>backup.wal-conflict</c>: the store holds other bytes under a segment's key.</exception>
    /// <exception cref="StorageException">The offline store failed; the next run ships what is left.</exception>
    public async Task<int> ShipAsync(string spool, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spool);
        if (!Directory.Exists(spool))
        {
            return 0;
        }

        var shipped = 0;
        // The archive command writes under a dot name and renames, so only whole segments have plain names.
        foreach (var path in Directory.EnumerateFiles(spool).Where(p => !Path.GetFileName(p).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            await ShipOneAsync(path, Prefix + Path.GetFileName(path), ct);
            File.Delete(path);
            shipped++;
        }

        return shipped;
    }

    private async Task ShipOneAsync(string path, string key, CancellationToken ct)
    {
        byte[] sha256;
        await using (var file = File.OpenRead(path))
        {
            sha256 = await SHA256.HashDataAsync(file, ct);
        }

        if (await offline.StatAsync(key, ct) is { } existing)
        {
            var stored = existing.Sha256Hex ?? Convert.ToHexStringLower(await HashStoredAsync(key, ct));
            if (string.Equals(stored, Convert.ToHexStringLower(sha256), StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            throw new BackupException(ErrorKind.Integrity, "backup.wal-conflict",
                $"离线存储中已有同名但内容不同的 WAL 文件 {key}，未覆盖；该段仍保留在暂存目录中，请管理员核查。");
        }

        await using var content = File.OpenRead(path);
        await offline.PutAsync(key, content, new PutOptions { ContentType = "application/octet-stream", ExpectedSha256 = sha256, Length = content.Length }, ct);
    }

    private async Task<byte[]> HashStoredAsync(string key, CancellationToken ct)
    {
        await using var stored = await offline.GetAsync(key, null, ct);
        return await SHA256.HashDataAsync(stored, ct);
    }
}
