namespace Archive.Ingest.FourProperties;

/// <summary>A check program (qpdf, ffprobe, ffmpeg, clamscan) is missing or failed to run: the archive cannot judge the items, so nothing is sealed.</summary>
public sealed class ContentCheckUnavailableException : Exception
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
}
