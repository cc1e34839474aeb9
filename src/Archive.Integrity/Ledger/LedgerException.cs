using Archive.Core.Errors;

namespace Archive.Integrity.Ledger;

/// <summary>Base of the errors the audit ledger (审计账本) raises on purpose.</summary>
public abstract class LedgerException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, for logs and problem details.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    protected LedgerException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
