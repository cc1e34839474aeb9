using Archive.Storage.Streams;

namespace Archive.Api.Cli;

/// <summary>A read-through stream that reports how many bytes have been read so far (for the progress bar).</summary>
internal sealed class CountingReadStream(Stream inner, Action<long> onRead) : ReadObservingStream(inner)
{
    private long _position;

    protected override void Observe(ReadOnlySpan<byte> chunk)
    {
        _position += chunk.Length;
        onRead(_position);
    }
}
