using System.Globalization;
using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>A disposal tried to delete an object whose retention lock has not ended yet; the object is kept.</summary>
public sealed class ObjectStillRetainedException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The locked key.</param>
    /// <param name="retainedUntil">When the lock ends.</param>
    public ObjectStillRetainedException(string key, DateTimeOffset retainedUntil)
        : base(string.Create(CultureInfo.InvariantCulture, $"The object '{key}' is retained until {retainedUntil:O}."))
    {
        Key = key;
        RetainedUntil = retainedUntil;
    }

    /// <summary>The locked key.</summary>
    public string Key { get; }

    /// <summary>When the store's lock ends.</summary>
    public DateTimeOffset RetainedUntil { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Conflict;

    /// <inheritdoc/>
    public override string Code => "storage.still-retained";

    /// <inheritdoc/>
    public override string UserMessage =>
        string.Create(CultureInfo.InvariantCulture, $"存储仍对该对象保留锁定至 {RetainedUntil.UtcDateTime:yyyy-MM-dd HH:mm:ss}（UTC），锁定期满前不能销毁。");
}
