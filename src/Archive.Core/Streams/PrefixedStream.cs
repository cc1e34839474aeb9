namespace Archive.Core.Streams;

/// <summary>
/// Reads <c>prefix</c> and then the rest of another stream: the bytes already read (e.g. for a signature check), then
/// the remainder, as one stream.
/// </summary>
/// <param name="prefix">The bytes to give first.</param>
/// <param name="rest">The stream that continues after them.</param>
/// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="rest"/> open on dispose.</param>
public sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest, bool leaveOpen = false) : ReadThroughStream(rest, leaveOpen)
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer) => _prefix.IsEmpty ? base.Read(buffer) : TakePrefix(buffer);

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _prefix.IsEmpty ? base.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(TakePrefix(buffer.Span));

    private int TakePrefix(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        return n;
    }
}
