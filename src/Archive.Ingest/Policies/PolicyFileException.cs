using Archive.Core.Errors;

namespace Archive.Ingest.Policies;

/// <summary>
/// A retention-policy file is broken (syntax, unknown key, duplicate role, unknown category, missing Chinese
/// title, bad period, …). The message, in Chinese and English, names the file and the line.
/// </summary>
public sealed class PolicyFileException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The offending file.</param>
    /// <param name="line">1-based line, or 0 when the problem concerns the file (or folder) as a whole.</param>
    /// <param name="column">1-based column, or 0 when unknown.</param>
    /// <param name="reasonZh">What is wrong, in Chinese.</param>
    /// <param name="reasonEn">What is wrong, in English.</param>
    /// <param name="innerException">The YAML parser's exception, if any.</param>
    public PolicyFileException(
        string filePath, long line, long column, string reasonZh, string reasonEn, Exception? innerException = null)
        : base(Format(filePath, line, reasonZh, reasonEn), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        ReasonZh = reasonZh;
        ReasonEn = reasonEn;
    }

    /// <summary>The offending file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem, or 0 for the file as a whole.</summary>
    public long Line { get; }

    /// <summary>1-based column of the problem, or 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>What is wrong, in Chinese.</summary>
    public string ReasonZh { get; }

    /// <summary>What is wrong, in English.</summary>
    public string ReasonEn { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Invalid;

    /// <inheritdoc/>
    public override string Code => "policy.file-invalid";

    /// <inheritdoc/>
    public override string UserMessage => Line > 0
        ? $"保存策略文件 {Path.GetFileName(FilePath)} 第 {Line} 行：{ReasonZh}"
        : $"保存策略文件 {Path.GetFileName(FilePath)}：{ReasonZh}";

    private static string Format(string filePath, long line, string zh, string en)
    {
        var name = Path.GetFileName(filePath);
        return line > 0
            ? $"保存策略文件 {name} 第 {line} 行：{zh} / retention policy file {name}, line {line}: {en} ({filePath})"
            : $"保存策略文件 {name}：{zh} / retention policy file {name}: {en} ({filePath})";
    }
}
