namespace Archive.Core.Streams;

/// <summary>A read-through stream that reports after every read how many bytes have been read so far (for progress bars).</summary>
/// <param name="inner">The stream read.</param>
/// <param name="onRead">Called with the running total after each read.</param>
/// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
public sealed class ProgressReadStream(Stream inner, Action<long> onRead, bool leaveOpen = false) : ReadThroughStream(inner, leaveOpen)
{
    /// <inheritdoc />
    protected override void Observe(ReadOnlySpan<byte> chunk) => onRead(Position + chunk.Length);
}
