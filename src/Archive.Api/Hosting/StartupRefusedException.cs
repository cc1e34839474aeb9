using Archive.Core.Errors;

namespace Archive.Api.Hosting;

/// <summary>
/// A refusal to start: the host's own set-up would expose the archive (a runtime database role that can rewrite the
/// ledger under <c>ARCHIVE_DB_STRICT</c>, a signing key or admin token that other accounts can read). The program
/// prints the code and the Chinese message and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class StartupRefusedException : RefusalException
{
    /// <summary>The program's exit code for a refused start.</summary>
    public const int ExitCode = 78; // EX_CONFIG

    /// <summary>Creates the exception.</summary>
    /// <param name="code">The stable code, e.g. <c>startup.db-role-privileged</c>.</param>
    /// <param name="message">The Chinese message, naming what to change.</param>
    public StartupRefusedException(string code, string message)
        : base(ErrorKind.Invalid, code, message, null, null)
    {
    }
}
