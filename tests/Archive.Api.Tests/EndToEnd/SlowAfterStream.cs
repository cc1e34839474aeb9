using Archive.Core.Streams;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Passes another stream through at full speed until <paramref name="slowAfter"/> bytes, then signals <see cref="Reached"/>
/// and goes on at a trickle (64 KiB every 20 ms), so that a test can kill the server while the bytes still stream.
/// </summary>
internal sealed class SlowAfterStream(Stream inner, long slowAfter) : ReadThroughStream(inner, leaveOpen: false)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position >= slowAfter)
        {
            _reached.TrySetResult();
            await Task.Delay(20, cancellationToken);
            buffer = buffer[..Math.Min(buffer.Length, 64 << 10)];
        }

        return await base.ReadAsync(buffer, cancellationToken);
    }

    // Full speed stops exactly at the mark.
    protected override int Allow(int requested) => Position >= slowAfter ? requested : (int)Math.Min(requested, slowAfter - Position);
}
