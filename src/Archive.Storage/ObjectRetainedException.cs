using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>
/// A write to a key whose object was written with <see cref="PutOptions.RetainUntil"/> (sealed, write once): the store
/// keeps the sealed object and refuses the new one. Only a repair (<see cref="PutOptions.ReplaceRetained"/>) may replace it.
/// </summary>
public sealed class ObjectRetainedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The sealed key.</param>
    public ObjectRetainedException(string key)
        : base($"The object '{key}' is sealed (write once) and cannot be overwritten.")
    {
        Key = key;
    }

    /// <summary>The sealed key.</summary>
    public string Key { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Conflict;

    /// <inheritdoc/>
    public override string Code => "storage.retained";

    /// <inheritdoc/>
    public override string UserMessage => "该对象已封存（一次写入），不可覆盖。";
}
