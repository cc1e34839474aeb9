using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>A store URI or setting is malformed; the message never repeats a secret.</summary>
public sealed class StoreConfigurationException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, without any secret.</param>
    public StoreConfigurationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override string Code => "storage.configuration";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string UserMessage => "对象存储配置无效。";
}
