using Archive.Integrity.Ledger.Internal;
using Npgsql;

namespace Archive.Integrity.Ledger;

public sealed partial class PostgresLedger
{
    private static readonly TimeSpan s_checkpointPoll = TimeSpan.FromMilliseconds(200);
    private CheckpointSigner? _checkpoints;

    private CheckpointSigner Checkpoints => _checkpoints ??= new CheckpointSigner(_dataSource, _signer, _cosigner, _options, _clock, _logger, _witness);

    /// <summary>
    /// Checks, before the host serves anything, that the signing key is the one recorded for earlier checkpoints
    /// (recording it on first use) and that the latest checkpoint verifies against the stored hashes and origin.
    /// </summary>
    /// <param name="ct">Cancels the check.</param>
    /// <exception cref="LedgerIntegrityException">A different key or origin, or a stored checkpoint that does not verify.</exception>
    public Task StartAsync(CancellationToken ct) => Checkpoints.VerifyAsync(ct);

    /// <inheritdoc />
    public Task<string?> SignCheckpointAsync(CancellationToken ct) => Checkpoints.SignAsync(ct);

    /// <inheritdoc />
    public async Task<string> WaitForCheckpointCoveringAsync(long index, CancellationToken ct)
    {
        if (index < 0)
        {
            throw new LedgerArgumentException(nameof(index), "An entry index is never negative.", "条目序号不能为负数。");
        }
        var size = await GetSizeAsync(ct);
        if (index >= size)
        {
            throw new LedgerArgumentException(nameof(index), $"Entry {index} is not in the ledger (size {size}); no checkpoint will cover it.",
                $"账本中没有序号为 {index} 的条目（当前大小 {size}），没有检查点会覆盖它。");
        }

        await using var command = _dataSource.CreateCommand(
            "SELECT note FROM ledger.checkpoints WHERE tree_size > @index ORDER BY tree_size DESC LIMIT 1");
        command.Parameters.AddWithValue("index", index);
        while (true)
        {
            if (await command.ExecuteScalarAsync(ct) is string note)
            {
                return note;
            }
            await Task.Delay(s_checkpointPoll, ct);
        }
    }

    /// <summary>
    /// The checkpoint loop: runs <see cref="StartAsync"/>, then signs a checkpoint every
    /// <see cref="LedgerOptions.CheckpointInterval"/> while the log grows, until <paramref name="ct"/> is cancelled.
    /// Transient database failures are retried at the next interval; a <see cref="LedgerIntegrityException"/> ends the loop.
    /// </summary>
    /// <param name="ct">Stops the loop.</param>
    /// <exception cref="LedgerIntegrityException">The stored log does not verify; nothing more is signed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task RunCheckpointLoopAsync(CancellationToken ct)
    {
        await StartAsync(ct);
        using var timer = new PeriodicTimer(_options.CheckpointInterval);
        do
        {
            try
            {
                await SignCheckpointAsync(ct);
            }
            catch (NpgsqlException e) when (e.IsTransient && !ct.IsCancellationRequested)
            {
                LedgerLog.CheckpointTransientFailure(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
