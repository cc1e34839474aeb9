using Archive.Core.Errors;

namespace Archive.Integrity.Custody;

/// <summary>
/// Neither copy holds the sealed bytes of an object (副本均已损毁): nothing can be served or repaired; the read is
/// refused rather than deliver corrupted bytes.
/// </summary>
public sealed class ContentLostException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="version">The version.</param>
    /// <param name="path">The item path or file name inside the version.</param>
    public ContentLostException(string projectCode, int version, string path)
        : base($"Both copies of '{path}' of version {version} of project '{projectCode}' fail verification.")
    {
        ProjectCode = projectCode;
        Version = version;
        Path = path;
    }

    /// <summary>The project.</summary>
    public string ProjectCode { get; }

    /// <summary>The version.</summary>
    public int Version { get; }

    /// <summary>The item path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Integrity;

    /// <inheritdoc/>
    public override string Code => "content.lost";

    /// <inheritdoc/>
    public override string UserMessage => "该内容的在线与离线副本均未通过校验，已拒绝输出；已记录并通知档案管理员处置。";
}
