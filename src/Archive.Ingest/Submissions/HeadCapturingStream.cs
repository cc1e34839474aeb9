using Archive.Storage.Streams;

namespace Archive.Ingest.Submissions;

/// <summary>A read-through stream that keeps the first bytes it passes on, for signature checks without a second read.</summary>
internal sealed class HeadCapturingStream(Stream inner, int capacity) : ReadObservingStream(inner)
{
    private readonly byte[] _head = new byte[capacity];
    private int _captured;

    /// <summary>The leading bytes seen so far (at most the capacity).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _captured);

    protected override void Observe(ReadOnlySpan<byte> chunk)
    {
        var take = Math.Min(chunk.Length, _head.Length - _captured);
        chunk[..take].CopyTo(_head.AsSpan(_captured));
        _captured += take;
    }
}
