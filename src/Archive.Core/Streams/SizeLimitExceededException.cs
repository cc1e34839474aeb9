namespace Archive.Core.Streams;

/// <summary>Thrown by <see cref="SizeLimitedStream"/> when more than its limit has been read.</summary>
public sealed class SizeLimitExceededException : IOException
{
    /// <summary>Creates the exception for a limit of <paramref name="limit"/> bytes.</summary>
    public SizeLimitExceededException(long limit)
        : base($"The content exceeds the limit of {limit} bytes.")
    {
        Limit = limit;
    }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long Limit { get; }
}
