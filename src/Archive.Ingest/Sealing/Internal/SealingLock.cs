using Npgsql;

namespace Archive.Ingest.Sealing.Internal;

/// <summary>
/// A session-level PostgreSQL advisory lock per submission, held for a whole sealing run so that two workers do not
/// copy the same gigabytes at once. Correctness never depends on it (every step is idempotent); a dead worker's
/// connection closes and the lock goes with it.
/// </summary>
internal sealed class SealingLock : IAsyncDisposable
{
    private const long Namespace = 0x5345_414C_0000_0000; // "SEAL"
    private readonly NpgsqlConnection connection;
    private readonly long key;

    private SealingLock(NpgsqlConnection connection, long key)
    {
        this.connection = connection;
        this.key = key;
    }

    public static async Task<SealingLock?> TryAcquireAsync(NpgsqlDataSource dataSource, Guid submissionId, CancellationToken ct)
    {
        var bytes = submissionId.ToByteArray();
        var key = Namespace ^ (BitConverter.ToInt64(bytes, 0) & 0x0000_FFFF_FFFF_FFFF) ^ (BitConverter.ToInt64(bytes, 8) & 0x0000_FFFF_FFFF_FFFF);
        var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        cmd.Parameters.Add(new() { Value = key });
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
        {
            return new SealingLock(connection, key);
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            cmd.Parameters.Add(new() { Value = key });
            await cmd.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A broken connection has released the session lock already.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
