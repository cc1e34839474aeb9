using System.Collections.Concurrent;
using Archive.Api.Access;
using NodaTime;

namespace Archive.Api.Auth;

/// <summary>
/// Token brute-force protection (令牌防暴力破解): failed authentications are counted per client address over a
/// sliding minute; past the configured number, the address's failures are answered 429 (<c>Retry-After</c>) until the
/// oldest counted failure is a minute old. A token that verifies is never refused. The address is the forwarded client
/// when the peer is a trusted proxy (<see cref="Hosting.NetworkEdge"/>), so trading systems behind one proxy are
/// counted apart. Kept in process memory on purpose: tokens carry 256 random bits, so the limiter only damps noise and
/// log floods; with N API processes a client gets N times the allowance, still nothing a guess can use, and no
/// database write is spent on an unauthenticated request.
/// </summary>
public sealed partial class AuthFailureLimiter(AccessSettings settings, IClock clock, ILogger<AuthFailureLimiter> logger)
{
    private static readonly Duration Window = Duration.FromMinutes(1);
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Queue<Instant>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait, or null when it may try.</summary>
    /// <param name="address">The client address (<c>unknown</c> when the server cannot tell).</param>
    public TimeSpan? RetryAfter(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_failures.TryGetValue(address, out var queue))
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        lock (queue)
        {
            Trim(queue, now);
            return queue.Count >= settings.AuthFailuresPerMinute ? (queue.Peek() + Window - now).ToTimeSpan() : null;
        }
    }

    /// <summary>Counts a failed authentication and logs it with the address and reason, never the token.</summary>
    /// <param name="address">The client address.</param>
    /// <param name="reason">Why it failed (e.g. <c>unknown or revoked token</c>).</param>
    public void RecordFailure(string address, string reason)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = clock.GetCurrentInstant();
        if (_failures.Count > SweepThreshold)
        {
            Sweep(now);
        }

        var queue = _failures.GetOrAdd(address, _ => new Queue<Instant>());
        int count;
        lock (queue)
        {
            Trim(queue, now);
            queue.Enqueue(now);
            count = queue.Count;
        }

        LogFailure(logger, address, reason, count);
        if (count == settings.AuthFailuresPerMinute)
        {
            LogLimited(logger, address, count);
        }
    }

    private static void Trim(Queue<Instant> queue, Instant now)
    {
        while (queue.Count > 0 && queue.Peek() + Window <= now)
        {
            queue.Dequeue();
        }
    }

    private void Sweep(Instant now)
    {
        foreach (var (address, queue) in _failures)
        {
            lock (queue)
            {
                Trim(queue, now);
                if (queue.Count == 0)
                {
                    _failures.TryRemove(address, out _);
                }
            }
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Failed authentication from {Address}: {Reason} ({Count} in the last minute)")]
    private static partial void LogFailure(ILogger logger, string address, string reason, int count);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Client {Address} rate-limited after {Count} failed authentications in a minute")]
    private static partial void LogLimited(ILogger logger, string address, int count);
}
