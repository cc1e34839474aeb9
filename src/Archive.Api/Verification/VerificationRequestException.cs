using Archive.Core.Errors;

namespace Archive.Api.Verification;

/// <summary>A refused request to start a verification run (unknown copy or project); nothing was started.</summary>
public sealed class VerificationRequestException : RefusalException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of refusal.</param>
    /// <param name="code">The stable code.</param>
    /// <param name="message">The Chinese message.</param>
    /// <param name="field">The offending field.</param>
    public VerificationRequestException(ErrorKind kind, string code, string message, string? field = null)
        : base(kind, code, message, field, null)
    {
    }
}
