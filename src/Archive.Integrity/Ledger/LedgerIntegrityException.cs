using Archive.Core.Errors;

namespace Archive.Integrity.Ledger;

/// <summary>
/// The stored ledger does not prove what it claims — a stored hash or checkpoint disagrees with
/// what is recomputed, a note signature fails, or the signing key or origin differs from the one
/// recorded — so the ledger refuses to sign or to start. Never retried: an operator must look.
/// </summary>
public sealed class LedgerIntegrityException : LedgerException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What disagreed.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public LedgerIntegrityException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string Code => "ledger.integrity";

    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Integrity;

    /// <inheritdoc />
    /// <remarks>What disagreed stays in the log; the caller learns only that an operator must look.</remarks>
    public override string UserMessage => "审计账本自检未通过，已停止签名，请通知管理员核查。";
}
