using Archive.Core.Errors;

namespace Archive.Storage;

/// <summary>A key (or listing prefix) breaks the rules of <see cref="ObjectKey"/>.</summary>
public sealed class InvalidObjectKeyException : StorageException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The refused key, shown with control characters escaped.</param>
    /// <param name="reason">Which rule it breaks.</param>
    public InvalidObjectKeyException(string key, string reason)
        : base($"Invalid object key '{Printable(key)}': {reason}.")
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>The refused key as given.</summary>
    public string Key { get; }

    /// <summary>Which rule the key breaks.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override string Code => "storage.invalid-key";

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string UserMessage => "路径无效：不得含 ..、绝对路径、反斜杠、控制字符或空段。";

    private static string Printable(string key)
    {
        var shown = key.Length > 200 ? key[..200] + "…" : key;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
