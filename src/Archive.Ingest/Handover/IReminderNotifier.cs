namespace Archive.Ingest.Handover;

/// <summary>
/// Delivers a reminder (催交) beyond the API — e-mail or SMS to the platform's contact. Called after the reminder is
/// committed; the default (<see cref="NoReminderNotifier"/>) delivers nothing, the API is the channel.
/// </summary>
public interface IReminderNotifier
{
    /// <summary>Delivers one reminder.</summary>
    /// <param name="reminder">The committed reminder.</param>
    /// <param name="ct">Cancels the delivery.</param>
    Task NotifyAsync(Reminder reminder, CancellationToken ct);
}
