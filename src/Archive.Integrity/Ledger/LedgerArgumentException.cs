using Archive.Core.Errors;

namespace Archive.Integrity.Ledger;

/// <summary>
/// A request to the ledger is malformed: a reserved or oversized entry, or proof arguments outside
/// the tree. The caller's fault; the API answers 400.
/// </summary>
public sealed class LedgerArgumentException : LedgerException
{
    private readonly string? _userMessage;

    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The offending argument.</param>
    /// <param name="message">What is wrong with it (English, for logs).</param>
    /// <param name="userMessage">The same in Chinese for the caller, or null to show the English after a Chinese prefix.</param>
    public LedgerArgumentException(string parameterName, string message, string? userMessage = null)
        : base(message)
    {
        ParameterName = parameterName;
        _userMessage = userMessage;
    }

    /// <summary>The offending argument.</summary>
    public string ParameterName { get; }

    /// <inheritdoc />
    public override string Code => "ledger.bad-argument";

    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc />
    public override string UserMessage => "账本参数无效：" + (_userMessage ?? Message);
}
