using Archive.Core.Errors;

namespace Archive.Api.Access.Delivery;

/// <summary>
/// The concurrency cap on watermarking and masking (<see cref="AccessSettings.TransformConcurrency"/>): each
/// preparation holds the whole item and its transformed copy in memory, so at most that many run at once per process,
/// and memory stays below cap × the size ceilings. A read that finds no free slot within
/// <see cref="AccessSettings.TransformWaitSeconds"/> is refused (503 <c>access.transform-busy</c>) before anything is
/// ledgered.
/// </summary>
public sealed class TransformSlots(AccessSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(settings.TransformConcurrency, settings.TransformConcurrency);

    /// <summary>Takes a slot; dispose the result to give it back.</summary>
    /// <param name="ct">Cancels the wait.</param>
    /// <returns>The held slot.</returns>
    /// <exception cref="AccessWorkflowException">No slot came free in time (<c>access.transform-busy</c>, 503).</exception>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!await _slots.WaitAsync(TimeSpan.FromSeconds(settings.TransformWaitSeconds), ct))
        {
            throw new AccessWorkflowException(ErrorKind.Unavailable, "access.transform-busy",
                "当前加盖水印或脱敏的请求过多，请稍后再试。");
        }

        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
