namespace Archive.Ingest.Handover;

/// <summary>The default <see cref="IReminderNotifier"/>: reminders are read through the API only.</summary>
public sealed class NoReminderNotifier : IReminderNotifier
{
    /// <inheritdoc/>
    public Task NotifyAsync(Reminder reminder, CancellationToken ct) => Task.CompletedTask;
}
