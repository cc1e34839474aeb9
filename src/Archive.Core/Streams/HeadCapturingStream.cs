namespace Archive.Core.Streams;

/// <summary>A read-through stream that keeps the first bytes it passes on, for signature checks without a second read.</summary>
/// <param name="inner">The stream read.</param>
/// <param name="capacity">How many leading bytes to keep.</param>
/// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
public sealed class HeadCapturingStream(Stream inner, int capacity, bool leaveOpen = false) : ReadThroughStream(inner, leaveOpen)
{
    private readonly byte[] _head = new byte[capacity];
    private int _captured;

    /// <summary>The leading bytes seen so far (at most the capacity).</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _captured);

    /// <inheritdoc />
    protected override void Observe(ReadOnlySpan<byte> chunk)
    {
        var take = Math.Min(chunk.Length, _head.Length - _captured);
        chunk[..take].CopyTo(_head.AsSpan(_captured));
        _captured += take;
    }
}
