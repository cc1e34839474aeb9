using Archive.Core.Errors;

namespace Archive.Ingest.Transfer;

/// <summary>A refused transfer request (移交); nothing was written and the ledger is unchanged.</summary>
public sealed class TransferException : RefusalException
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="kind">What kind of refusal it is.</param>
    /// <param name="code">The stable code, e.g. <c>transfer.disposed</c>.</param>
    /// <param name="message">The Chinese message for the caller.</param>
    /// <param name="field">The offending field, if any.</param>
    public TransferException(ErrorKind kind, string code, string message, string? field = null)
        : base(kind, code, message, field, null)
    {
    }
}
