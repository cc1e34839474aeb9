namespace Archive.Storage;

/// <summary>The base of every error the object-storage layer reports about keys, content and stores.</summary>
public abstract class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A description for developers and logs.</param>
    /// <param name="innerException">The backend error behind it, if any.</param>
    protected StorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>A stable machine-readable code, e.g. <c>storage.object_not_found</c>, for API problem details.</summary>
    public abstract string Code { get; }
}
