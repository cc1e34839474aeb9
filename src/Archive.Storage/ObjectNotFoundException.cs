using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>No object exists under the key.</summary>
public sealed class ObjectNotFoundException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key that was not found.</param>
    /// <param name="innerException">The backend error, if any.</param>
    public ObjectNotFoundException(string key, Exception? innerException = null)
        : base($"No object exists under the key '{key}'.", innerException) => Key = key;

    /// <summary>The key that was not found.</summary>
    public string Key { get; }

    /// <inheritdoc/>
    public override string Code => "storage.not-found";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.NotFound;

    /// <inheritdoc/>
    public override string UserMessage => "对象不存在。";
}
