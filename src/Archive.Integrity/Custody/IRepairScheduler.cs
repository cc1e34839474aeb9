namespace Archive.Integrity.Custody;

/// <summary>Asks for an immediate repair of one object (the host runs it as a background job).</summary>
public interface IRepairScheduler
{
    /// <summary>Schedules the repair of the object under <paramref name="key"/> in <paramref name="copy"/>.</summary>
    /// <param name="copy">The copy found bad.</param>
    /// <param name="key">The object's key there.</param>
    void Schedule(CopyKind copy, string key);
}
