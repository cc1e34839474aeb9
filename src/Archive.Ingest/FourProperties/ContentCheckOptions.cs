namespace Archive.Ingest.FourProperties;

/// <summary>
/// Settings of the content checks at seal (可用性 usability with real readers, 安全性 security with ClamAV). Tool paths
/// default to the names Debian's <c>qpdf</c>, <c>ffmpeg</c> and <c>clamav</c> packages put on the PATH.
/// </summary>
public sealed class ContentCheckOptions
{
    /// <summary>The <c>qpdf</c> program (PDF structure check, <c>qpdf --check</c>).</summary>
    public string Qpdf { get; init; } = "qpdf";

    /// <summary>The <c>ffprobe</c> program (audio/video: container, codecs, duration).</summary>
    public string Ffprobe { get; init; } = "ffprobe";

    /// <summary>The <c>ffmpeg</c> program (images are decoded in full).</summary>
    public string Ffmpeg { get; init; } = "ffmpeg";

    /// <summary>The <c>clamscan</c> program.</summary>
    public string Clamscan { get; init; } = "clamscan";

    /// <summary>
    /// The ClamAV signature database (a file or folder, <c>clamscan -d</c>); <see langword="null"/> for ClamAV's own
    /// (<c>/var/lib/clamav</c>, kept current by <c>freshclam</c> against the operator's mirror).
    /// </summary>
    public string? SignatureDatabase { get; init; }

    /// <summary>
    /// The Unix socket of a running <c>clamd</c> (<c>LocalSocket</c>), preferred for speed; <see langword="null"/> to use
    /// <c>clamscan</c> only. clamd must load the same database as <see cref="SignatureDatabase"/>.
    /// </summary>
    public string? ClamdSocket { get; init; }

    /// <summary>
    /// The largest file ClamAV scans at all: 2 GiB − 1. clamscan (1.4 here) accepts limits up to 4000 MB but answers "OK"
    /// for a larger file without reading a byte of it ("scanning files greater than 2147483647 bytes is not supported").
    /// </summary>
    public const long ClamscanCeiling = int.MaxValue;

    private readonly long _clamscanMaxBytes = ClamscanCeiling;

    /// <summary>
    /// The largest item clamscan scans whole (<c>--max-filesize</c> and <c>--max-scansize</c>); larger items are recorded
    /// as only partly scanned (<c>partial</c>, with this limit), never as clean. Default and upper bound
    /// <see cref="ClamscanCeiling"/>: a larger value is lowered to it, so no item past ClamAV's ceiling is recorded clean.
    /// </summary>
    public long ClamscanMaxBytes
    {
        get => _clamscanMaxBytes;
        init => _clamscanMaxBytes = Math.Min(value, ClamscanCeiling);
    }

    /// <summary>
    /// The largest item sent to clamd: the smallest of its <c>StreamMaxLength</c>, <c>MaxFileSize</c> and
    /// <c>MaxScanSize</c> (Debian's clamd.conf: 25 MiB); larger items go to clamscan, which scans up to
    /// <see cref="ClamscanMaxBytes"/>.
    /// </summary>
    public long ClamdMaxBytes { get; init; } = 25L << 20;

    /// <summary>Whether items are scanned for malware. Default on.</summary>
    public bool ScanMalware { get; init; } = true;

    /// <summary>Whether audio, video and images are opened with ffprobe/ffmpeg. Default on.</summary>
    public bool ProbeMedia { get; init; } = true;

    /// <summary>Longest a single tool run may take before the check counts as failed. Default 10 minutes.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Which signature database is loaded, said plainly for <c>/healthz</c> and every report, so that nobody takes the
    /// test signatures for protection.
    /// </summary>
    public string SignatureDescription => SignatureDatabase switch
    {
        null => "ClamAV 系统签名库 /var/lib/clamav（由 freshclam 从运维镜像更新）",
        var path when Path.GetFileName(path).StartsWith("test-signatures", StringComparison.Ordinal) =>
            $"test (EICAR only) — NOT PROTECTION（仅含 EICAR 测试签名，不提供防护）：{path}",
        var path => $"运维维护的签名库：{path}",
    };
}
