using Archive.Core.Errors;

namespace Archive.Ingest.Reading;

/// <summary>A sealed version's stored copy (its offline bag) cannot be read or is not what the catalogue says.</summary>
public sealed class CopyUnavailableException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="version">The version.</param>
    /// <param name="reason">What is wrong (English, for logs).</param>
    /// <param name="innerException">The storage error, if any.</param>
    public CopyUnavailableException(string projectCode, int version, string reason, Exception? innerException = null)
        : base($"The offline copy of version {version} of project '{projectCode}' is unavailable: {reason}", innerException)
    {
        ProjectCode = projectCode;
        Version = version;
    }

    /// <summary>The project.</summary>
    public string ProjectCode { get; }

    /// <summary>The version.</summary>
    public int Version { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Unavailable;

    /// <inheritdoc/>
    public override string Code => "copy.unavailable";

    /// <inheritdoc/>
    public override string UserMessage => "该版本的离线副本暂不可读取，请通知管理员核查。";
}
