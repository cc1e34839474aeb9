using Archive.Core.Errors;

namespace Archive.Api.Console;

/// <summary>A refused console action (控制台操作被拒绝) with a stable code and a Chinese message. Nothing was changed.</summary>
public sealed class ConsoleException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field, if one.</param>
    public ConsoleException(ErrorKind kind, string code, string message, string? field = null)
        : base(kind, code, message, field, null)
    {
    }
}
