namespace Archive.Core.Streams;

/// <summary>A read-through stream that fails with <see cref="SizeLimitExceededException"/> once more than a limit has been read.</summary>
/// <param name="inner">The stream read.</param>
/// <param name="limit">The most bytes allowed.</param>
/// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="inner"/> open on dispose.</param>
public sealed class SizeLimitedStream(Stream inner, long limit, bool leaveOpen = false) : ReadThroughStream(inner, leaveOpen)
{
    private long _read;

    /// <summary>Whether the limit was exceeded (the read that crossed it threw).</summary>
    public bool Exceeded { get; private set; }

    /// <inheritdoc />
    /// <exception cref="SizeLimitExceededException">More than the limit has been read.</exception>
    protected override void Observe(ReadOnlySpan<byte> chunk)
    {
        _read = checked(_read + chunk.Length);
        if (_read > limit)
        {
            Exceeded = true;
            throw new SizeLimitExceededException(limit);
        }
    }
}
