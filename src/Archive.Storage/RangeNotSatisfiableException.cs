using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>A requested byte range starts at or beyond the end of the object.</summary>
public sealed class RangeNotSatisfiableException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="range">The refused range.</param>
    /// <param name="size">The object's size, when known.</param>
    /// <param name="innerException">The backend error, if any.</param>
    public RangeNotSatisfiableException(string key, ByteRange range, long? size, Exception? innerException = null)
        : base($"The range {range} is outside the object '{key}'{(size is { } s ? $" of {s} bytes" : "")}.", innerException)
    {
        Key = key;
        Range = range;
        Size = size;
    }

    /// <summary>The object's key.</summary>
    public string Key { get; }

    /// <summary>The refused range.</summary>
    public ByteRange Range { get; }

    /// <summary>The object's size, when the backend reported it.</summary>
    public long? Size { get; }

    /// <inheritdoc/>
    public override string Code => "storage.range-not-satisfiable";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.RangeNotSatisfiable;

    /// <inheritdoc/>
    public override string UserMessage => "请求的字节范围超出对象大小。";
}
