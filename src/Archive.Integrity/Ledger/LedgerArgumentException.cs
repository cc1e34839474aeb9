using Archive.Core.Errors;

namespace Archive.Integrity.Ledger;

/// <summary>
/// A request to the ledger is malformed: a reserved or oversized entry, or proof arguments outside
/// the tree. The caller's fault; the API answers 400.
/// </summary>
public sealed class LedgerArgumentException : LedgerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameterName">The offending argument.</param>
    /// <param name="message">What is wrong with it.</param>
    public LedgerArgumentException(string parameterName, string message)
        : base(message)
    {
        ParameterName = parameterName;
    }

    /// <summary>The offending argument.</summary>
    public string ParameterName { get; }

    /// <inheritdoc />
    public override string Code => "ledger.bad-argument";

    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc />
    public override string UserMessage => "账本参数无效：" + Message;
}
