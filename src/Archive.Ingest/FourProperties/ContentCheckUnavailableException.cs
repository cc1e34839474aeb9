using Archive.Core.Errors;

namespace Archive.Ingest.FourProperties;

/// <summary>A 四性 check program (qpdf, ffprobe, ffmpeg, ClamAV) could not run, so a seal cannot be checked now.</summary>
public sealed class ContentCheckUnavailableException : ArchiveException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="program">The program that could not run.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ContentCheckUnavailableException(string program, Exception? innerException)
        : base($"The check program '{program}' is not available; install it (./archive installs Debian's qpdf, ffmpeg and clamav).", innerException)
    {
        Program = program;
    }

    /// <summary>The program that could not run.</summary>
    public string Program { get; }

    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.Unavailable;

    /// <inheritdoc/>
    public override string Code => "seal.checks-unavailable";

    /// <inheritdoc/>
    public override string UserMessage => "封存检测程序（qpdf、ffprobe、ClamAV）不可用，暂不能封存，请联系运维。";
}
