using Archive.Core.Errors;

namespace Archive.Api.Backup;

/// <summary>A database backup or restore that was refused; nothing in the stores or the database was changed.</summary>
public sealed class BackupException : RefusalException
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="kind">What kind of refusal it is.</param>
    /// <param name="code">The stable code, e.g. <c>restore.no-backup</c>.</param>
    /// <param name="message">The Chinese message for the operator.</param>
    public BackupException(ErrorKind kind, string code, string message)
        : base(kind, code, message, null, null)
    {
    }
}
