using Archive.Core.Errors;

namespace Archive.Core.Streams;

/// <summary>Thrown by <see cref="SizeLimitedStream"/> when more than its limit has been read.</summary>
/// <remarks>
/// Not an <see cref="IOException"/>: a client that copies the stream (an HTTP handler, an SDK) must not wrap it as a
/// transport failure, so callers can catch it as the refusal it is.
/// </remarks>
public sealed class SizeLimitExceededException : ArchiveException
{
    /// <summary>Creates the exception for a limit of <paramref name="limit"/> bytes.</summary>
    public SizeLimitExceededException(long limit)
        : base($"The content exceeds the limit of {limit} bytes.")
    {
        Limit = limit;
    }

    /// <summary>The limit that was exceeded, in bytes.</summary>
    public long Limit { get; }

    /// <inheritdoc/>
    public override string Code => "storage.too-large";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.TooLarge;

    /// <inheritdoc/>
    public override string UserMessage => $"内容超过大小上限（{Limit} 字节）。";
}
