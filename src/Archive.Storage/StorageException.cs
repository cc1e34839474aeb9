using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>
/// The base of every error the object-storage layer reports about keys, content and stores. Unless a subclass says
/// otherwise it is <see cref="ErrorKind.Unavailable"/>: the store cannot serve the request now.
/// </summary>
public abstract class StorageException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A description for developers and logs.</param>
    /// <param name="innerException">The backend error behind it, if any.</param>
    protected StorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Unavailable;

    /// <inheritdoc/>
    /// <remarks>The developer message may name keys or endpoints; callers are shown only this.</remarks>
    public override string UserMessage => "对象存储暂时不可用，请稍后重试。";
}
