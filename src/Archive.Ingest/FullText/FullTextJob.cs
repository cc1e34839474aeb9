using Archive.Ingest.FullText.Internal;
using Archive.Ingest.Sealing;
using Archive.Integrity.Custody;
using Hangfire;
using Microsoft.Extensions.Logging;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.FullText;

/// <summary>
/// Records the text of sealed PDF items (全文提取) in <c>ingest.item_texts</c> for the catalogue's full-text search.
/// Runs as a recurring Hangfire job every minute, after the seals (so a seal never waits for it), for every sealed PDF
/// without a row — new seals, versions sealed before it existed, and items no verified copy served before. Bytes come through
/// <see cref="VerifiedReader"/> (the verified read path: never text of corrupted bytes). Idempotent: an item with a
/// row is skipped, the same bytes in a later version reuse the earlier text, concurrent runs keep the first row. A PDF
/// that cannot be read, has no text layer, or is too large is recorded as such; it never fails the seal.
/// </summary>
public sealed class FullTextJob(NpgsqlDataSource dataSource, VerifiedReader reader, IClock clock, ILogger<FullTextJob> logger, FullTextOptions? options = null)
{
    /// <summary>The recurring backfill's id.</summary>
    public const string RecurringJobId = "ingest-full-text-backfill";

    private readonly ItemTextStore _store = new(dataSource);
    private readonly FullTextOptions _options = options ?? new FullTextOptions();

    /// <summary>Records the text of every sealed PDF item without a row yet.</summary>
    /// <param name="ct">Hangfire's shutdown token.</param>
    /// <returns>How many items were recorded.</returns>
    /// <exception cref="NpgsqlException">The database failed; the next run tries again.</exception>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(600)]
    public async Task<int> BackfillAsync(CancellationToken ct)
    {
        var count = await RunAsync(ct);
        if (count > 0)
        {
            FullTextLog.Backfilled(logger, count); // every minute: only when something was recorded
        }

        return count;
    }

    private async Task<int> RunAsync(CancellationToken ct)
    {
        var recorded = 0;
        foreach (var version in (await _store.PendingAsync(ct)).GroupBy(p => (p.ProjectCode, p.Version)))
        {
            var count = 0;
            foreach (var item in version)
            {
                count += await RecordAsync(item, ct) ? 1 : 0;
            }

            FullTextLog.Recorded(logger, version.Key.ProjectCode, version.Key.Version, count);
            recorded += count;
        }

        return recorded;
    }

    private async Task<bool> RecordAsync(PendingPdf item, CancellationToken ct)
    {
        if (await _store.ReuseAsync(item, clock.GetCurrentInstant(), ct))
        {
            return true;
        }

        if (item.Size > _options.MaxPdfBytes)
        {
            await _store.RecordAsync(item, new ExtractedText(FullTextStatus.TooLarge, "", 0, false, $"{item.Size} bytes > {_options.MaxPdfBytes}"), clock.GetCurrentInstant(), ct);
            return true;
        }

        var readable = new ReadableObject(item.ProjectCode, item.Version, item.Path, item.Size, item.Sha256, item.Sm3, item.ObjectKey,
            ArchiveKeys.BagPayload(item.StorageSegment, item.Version, item.Path));
        using var bytes = new MemoryStream(checked((int)item.Size));
        try
        {
            await reader.WriteAsync(readable, 0, item.Size, bytes, ct);
        }
        catch (Exception e) when (e is ContentLostException or ContentIntegrityException)
        {
            // Custody reports and repairs the copies; the next backfill reads the item again.
            FullTextLog.Unavailable(logger, e, item.ProjectCode, item.Version);
            return false;
        }

        var text = PdfText.Extract(bytes.ToArray(), _options.MaxTextChars);
        await _store.RecordAsync(item, text, clock.GetCurrentInstant(), ct);
        return true;
    }
}
