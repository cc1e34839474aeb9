using Archive.Core.Errors;

namespace Archive.Integrity.Ledger.Export;

/// <summary>A rebuild from the offline copy that was refused or could not be proven; nothing was committed.</summary>
public sealed class RebuildException : RefusalException
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="kind">What kind of refusal it is.</param>
    /// <param name="code">The stable code, e.g. <c>rebuild.database-not-empty</c>.</param>
    /// <param name="message">The Chinese message for the operator.</param>
    public RebuildException(ErrorKind kind, string code, string message)
        : base(kind, code, message, null, null)
    {
    }
}
