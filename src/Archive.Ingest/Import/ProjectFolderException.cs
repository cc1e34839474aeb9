using Archive.Core.Errors;

namespace Archive.Ingest.Import;

/// <summary>A project folder that cannot be imported as it is (bad <c>project.json</c>, missing file); the message is Chinese.</summary>
public sealed class ProjectFolderException : ArchiveException
{
    /// <summary>Creates the exception with a Chinese message.</summary>
    public ProjectFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a Chinese message and its cause.</summary>
    public ProjectFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ProjectFolderException()
        : base("项目文件夹无法导入。")
    {
    }

    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc />
    public override string Code => "import.project-folder";
}
