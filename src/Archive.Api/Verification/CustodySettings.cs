using System.Globalization;
using Archive.Integrity.Custody;

namespace Archive.Api.Verification;

/// <summary>
/// Custody's settings from <c>ARCHIVE_*</c> variables (or <c>Archive:</c> configuration): chunk size of verified
/// reads (<c>ARCHIVE_CUSTODY_CHUNK_BYTES</c>), verification cycles in days (<c>ARCHIVE_VERIFY_ONLINE_DAYS</c>, default
/// 30; <c>ARCHIVE_VERIFY_OFFLINE_DAYS</c>, default 90) and the scrubbing read ceiling (<c>ARCHIVE_VERIFY_READ_MBPS</c>,
/// default 50; 0 for none).
/// </summary>
public static class CustodySettings
{
    /// <summary>Reads the options.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="InvalidOperationException">A value is out of range.</exception>
    public static CustodyOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Get(string variable, string key) =>
            configuration[variable] is { Length: > 0 } v ? v : configuration[$"Archive:{key}"] is { Length: > 0 } s ? s : null;

        var chunk = int.TryParse(Get("ARCHIVE_CUSTODY_CHUNK_BYTES", "CustodyChunkBytes"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : ChunkDigests.DefaultChunkSize;
        var online = double.TryParse(Get("ARCHIVE_VERIFY_ONLINE_DAYS", "VerifyOnlineDays"), NumberStyles.Float, CultureInfo.InvariantCulture, out var on) ? on : 30;
        var offline = double.TryParse(Get("ARCHIVE_VERIFY_OFFLINE_DAYS", "VerifyOfflineDays"), NumberStyles.Float, CultureInfo.InvariantCulture, out var off) ? off : 90;
        var rate = double.TryParse(Get("ARCHIVE_VERIFY_READ_MBPS", "VerifyReadMBps"), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 50;
        if (chunk < 1 || online <= 0 || offline <= 0 || rate < 0)
        {
            throw new InvalidOperationException("ARCHIVE_CUSTODY_CHUNK_BYTES and the verification cycles must be positive, ARCHIVE_VERIFY_READ_MBPS not negative.");
        }

        return new CustodyOptions
        {
            ChunkSize = chunk,
            OnlineCycle = TimeSpan.FromDays(online),
            OfflineCycle = TimeSpan.FromDays(offline),
            ReadRateMegabytesPerSecond = rate,
        };
    }
}
