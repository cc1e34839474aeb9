namespace Archive.Core.Streams;

/// <summary>A read-only view of the next <c>length</c> bytes of another stream (a range of it).</summary>
/// <param name="inner">The stream read, positioned at the range's start.</param>
/// <param name="length">The range's length in bytes.</param>
/// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
public sealed class BoundedReadStream(Stream inner, long length, bool leaveOpen = false) : ReadThroughStream(inner, leaveOpen)
{
    /// <summary>The range's length in bytes.</summary>
    public override long Length => length;

    /// <inheritdoc />
    protected override int Allow(int requested) => (int)Math.Min(requested, length - Position);
}
