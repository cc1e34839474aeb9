namespace Archive.Api.Hosting;

/// <summary>Signs a ledger checkpoint at the configured interval while entries arrive (CONTRACT §5).</summary>
public sealed partial class CheckpointSigningService(Integrity.Ledger.Ledger ledger, ArchiveSettings settings, ILogger<CheckpointSigningService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CheckpointInterval);
        do
        {
            try
            {
                await ledger.SignCheckpointAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep trying on the next tick: a refused or failed checkpoint must be loud, but must not stop the loop.
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Critical, Message = "Signing a ledger checkpoint failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
