namespace Archive.Ingest.Submissions;

/// <summary>A read-through stream that fails with <see cref="ItemTooLargeException"/> once more than a limit has been read.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : ReadObservingStream(inner)
{
    private long _read;

    protected override void Observe(ReadOnlySpan<byte> chunk)
    {
        _read = checked(_read + chunk.Length);
        if (_read > limit)
        {
            throw new ItemTooLargeException();
        }
    }
}
