using Archive.Api.Hosting;

namespace Archive.Api.Access.Log;

/// <summary>
/// Keeps the access log projection current in the background, so that queries only catch up the last seconds. Background
/// work belongs to the processes that run jobs (role <c>worker</c> or <c>all</c>); an API-only process leaves it to them
/// (its queries still catch up themselves, under the projector's lock).
/// </summary>
public sealed partial class AccessLogRefresher(AccessLogProjector projector, ArchiveSettings settings, ILogger<AccessLogRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Role.RunsJobs())
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await projector.CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next query catches up itself; a failing refresh only costs it time, so it is logged and retried.
                LogFailed(logger, e.GetType().FullName, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Access log refresh failed ({ExceptionType}: {Reason}); retrying")]
    private static partial void LogFailed(ILogger logger, string? exceptionType, string reason);
}
