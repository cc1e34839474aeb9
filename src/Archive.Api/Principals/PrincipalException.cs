using Archive.Core.Errors;

namespace Archive.Api.Principals;

/// <summary>A refused change to principals (主体管理), with a stable code and a Chinese message. Nothing was changed.</summary>
public sealed class PrincipalException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field, if one.</param>
    public PrincipalException(ErrorKind kind, string code, string message, string? field = null)
        : base(kind, code, message, field, null)
    {
    }

    internal static PrincipalException NotFound() => new(ErrorKind.NotFound, "principal.not-found", "主体不存在或已被吊销。");
}
