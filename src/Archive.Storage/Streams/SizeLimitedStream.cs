namespace Archive.Storage.Streams;

/// <summary>A read-through stream that fails with <see cref="SizeLimitExceededException"/> once more than a limit has been read.</summary>
/// <param name="inner">The stream read.</param>
/// <param name="limit">The most bytes allowed.</param>
public sealed class SizeLimitedStream(Stream inner, long limit) : ReadObservingStream(inner)
{
    private long _read;

    /// <summary>Whether the limit was exceeded (the read that crossed it threw).</summary>
    public bool Exceeded { get; private set; }

    /// <inheritdoc />
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
