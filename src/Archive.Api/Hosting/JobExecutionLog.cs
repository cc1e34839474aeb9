using Hangfire.Server;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Hosting;

/// <summary>
/// A server filter of this host's Hangfire server that logs the start and the end of every job execution with the
/// job's id, its method, the process that runs it and the instant: with several job-running processes on one
/// database, the log shows which process ran which job when, and a job taken again after its process died shows as a
/// start without an end on the dead process and a later start on another (MultiProcessTests reads these lines to
/// prove that no job ever runs twice at once). Job arguments are ids only and are not logged.
/// </summary>
public sealed partial class JobExecutionLog(ILogger<JobExecutionLog> logger, IClock clock) : IServerFilter
{
    /// <summary>This process as the log names it: machine name and process id.</summary>
    public static readonly string Process = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <inheritdoc />
    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        LogStarted(logger, context.BackgroundJob.Id, MethodOf(context), Process, Now());
    }

    /// <inheritdoc />
    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = context.Canceled ? "cancelled" : context.Exception is null ? "succeeded" : "failed";
        LogEnded(logger, context.BackgroundJob.Id, MethodOf(context), Process, Now(), outcome);
    }

    private static string MethodOf(PerformContext context) =>
        $"{context.BackgroundJob.Job?.Type.Name}.{context.BackgroundJob.Job?.Method.Name}";

    private string Now() => InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant());

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Job {JobId} {Method} started on {Process} at {At}")]
    private static partial void LogStarted(ILogger logger, string jobId, string method, string process, string at);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Job {JobId} {Method} ended on {Process} at {At}: {Outcome}")]
    private static partial void LogEnded(ILogger logger, string jobId, string method, string process, string at, string outcome);
}
