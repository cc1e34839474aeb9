using System.Diagnostics;

namespace Archive.Integrity.Custody;

/// <summary>
/// Keeps scrubbing reads of this process under a ceiling (bytes per second), so verification never starves ingest
/// and reads: after each block the reader waits until the bytes read so far fit the rate.
/// </summary>
public sealed class ReadRateLimiter
{
    private readonly double _bytesPerSecond;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private double _budgetUsed;

    /// <summary>Creates a limiter.</summary>
    /// <param name="megabytesPerSecond">The ceiling in MB/s (10^6 bytes); 0 or less for none.</param>
    public ReadRateLimiter(double megabytesPerSecond) => _bytesPerSecond = megabytesPerSecond * 1_000_000;

    /// <summary>Accounts <paramref name="bytes"/> just read and waits as long as the ceiling requires.</summary>
    /// <param name="bytes">The bytes read.</param>
    /// <param name="ct">Cancels the wait.</param>
    public Task ThrottleAsync(long bytes, CancellationToken ct)
    {
        if (_bytesPerSecond <= 0)
        {
            return Task.CompletedTask;
        }

        TimeSpan wait;
        lock (_gate)
        {
            // The budget never lags more than a second behind, so an idle spell does not allow a later burst.
            var now = _clock.Elapsed.TotalSeconds;
            _budgetUsed = Math.Max(_budgetUsed, now - 1) + (bytes / _bytesPerSecond);
            wait = TimeSpan.FromSeconds(Math.Max(0, _budgetUsed - now));
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, ct) : Task.CompletedTask;
    }
}
