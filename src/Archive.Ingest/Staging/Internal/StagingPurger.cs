using Archive.Ingest.Sealing;
using Archive.Ingest.Sealing.Internal;
using Archive.Storage;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Staging.Internal;

/// <summary>
/// Empties one submission's staging prefix <c>staging/&lt;id&gt;/</c> in the online store (the recorded keys, then
/// anything a listing still finds there) and records that it is empty. Touches nothing outside that prefix.
/// </summary>
internal static class StagingPurger
{
    public static string PrefixOf(Guid submissionId) => $"{ArchiveKeys.StagingPrefix}{submissionId:N}/";

    /// <returns>The number of objects deleted or found already gone.</returns>
    public static async Task<int> PurgeAsync(
        NpgsqlDataSource dataSource, IObjectStore online, Guid submissionId, IEnumerable<string> knownKeys, IClock clock, CancellationToken ct)
    {
        var prefix = PrefixOf(submissionId);
        var keys = new HashSet<string>(knownKeys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)), StringComparer.Ordinal);
        await foreach (var found in online.ListAsync(prefix, ct))
        {
            keys.Add(found.Key);
        }

        foreach (var key in keys)
        {
            // Guard: whatever a listing returns, nothing outside this submission's staging prefix is deleted.
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                await online.DeleteAsync(key, ct);
            }
        }

        await new SealingStore(dataSource).MarkStagingClearedAsync(submissionId, clock.GetCurrentInstant(), ct);
        return keys.Count;
    }
}
