using Archive.Integrity.Ledger;

namespace Archive.Api.Hosting;

/// <summary>
/// Hosted service that runs the ledger's checkpoint loop (<see cref="PostgresLedger.RunCheckpointLoopAsync"/>): a
/// checkpoint is signed every <see cref="LedgerOptions.CheckpointInterval"/> while the log grows. Start fails — and
/// with it the host — when the signing key or the stored checkpoints do not verify. Safe to run in every process: an
/// advisory lock serialises signers.
/// </summary>
/// <param name="ledger">The process's ledger.</param>
public sealed class CheckpointLoop(PostgresLedger ledger) : BackgroundService
{
    /// <summary>Verifies the signing key and the latest checkpoint before the host starts, then starts the loop.</summary>
    /// <param name="cancellationToken">Aborts start-up.</param>
    /// <exception cref="LedgerIntegrityException">The key, origin or stored checkpoints do not verify.</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ledger.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ledger.RunCheckpointLoopAsync(stoppingToken);
}
