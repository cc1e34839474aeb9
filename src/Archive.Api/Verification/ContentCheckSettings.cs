using Archive.Ingest.FourProperties;

namespace Archive.Api.Verification;

/// <summary>
/// Reads <see cref="ContentCheckOptions"/> from <c>ARCHIVE_*</c> settings: <c>ARCHIVE_CLAMAV_DB</c> (signature database
/// file or folder; unset: ClamAV's own), <c>ARCHIVE_SCAN_MALWARE</c> and <c>ARCHIVE_PROBE_MEDIA</c> (<c>false</c> turns
/// them off), <c>ARCHIVE_CLAMD_SOCKET</c> (a running clamd's Unix socket, preferred over clamscan), <c>ARCHIVE_QPDF</c>, <c>ARCHIVE_FFPROBE</c>, <c>ARCHIVE_FFMPEG</c>, <c>ARCHIVE_CLAMSCAN</c> (program paths),
/// <c>ARCHIVE_CLAMAV_MAX_BYTES</c> (largest item clamscan scans whole; default and upper bound 2 GiB − 1, ClamAV's ceiling) and <c>ARCHIVE_CLAMD_MAX_BYTES</c>
/// (largest item sent to clamd, its smallest size limit; default 25 MiB).
/// </summary>
public static class ContentCheckSettings
{
    /// <summary>The options the configuration describes.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="InvalidOperationException"><c>ARCHIVE_CLAMAV_DB</c> names nothing that exists.</exception>
    public static ContentCheckOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Get(string name) => configuration[name] is { Length: > 0 } v ? v : null;
        var database = Get("ARCHIVE_CLAMAV_DB") is { } path ? Path.GetFullPath(path) : null;
        if (database is not null && !File.Exists(database) && !Directory.Exists(database))
        {
            throw new InvalidOperationException($"ARCHIVE_CLAMAV_DB names {database}, which does not exist.");
        }

        return new ContentCheckOptions
        {
            SignatureDatabase = database,
            ClamdSocket = Get("ARCHIVE_CLAMD_SOCKET"),
            ScanMalware = !string.Equals(Get("ARCHIVE_SCAN_MALWARE"), "false", StringComparison.OrdinalIgnoreCase),
            ProbeMedia = !string.Equals(Get("ARCHIVE_PROBE_MEDIA"), "false", StringComparison.OrdinalIgnoreCase),
            Qpdf = Get("ARCHIVE_QPDF") ?? "qpdf",
            Ffprobe = Get("ARCHIVE_FFPROBE") ?? "ffprobe",
            Ffmpeg = Get("ARCHIVE_FFMPEG") ?? "ffmpeg",
            Clamscan = Get("ARCHIVE_CLAMSCAN") ?? "clamscan",
            ClamscanMaxBytes = Bytes(Get("ARCHIVE_CLAMAV_MAX_BYTES")) ?? ContentCheckOptions.ClamscanCeiling,
            ClamdMaxBytes = Bytes(Get("ARCHIVE_CLAMD_MAX_BYTES")) ?? 25L << 20,
        };
    }

    private static long? Bytes(string? value) => value is null
        ? null
        : long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new InvalidOperationException($"A byte limit must be a positive whole number, not '{value}'.");
}
