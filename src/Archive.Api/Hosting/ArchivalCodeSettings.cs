using Archive.Ingest.Arrangement;

namespace Archive.Api.Hosting;

/// <summary>Reads the 档号 settings: <c>ARCHIVE_FONDS_CODE</c> and <c>ARCHIVE_ARCHIVAL_CODE_PATTERN</c>.</summary>
public static class ArchivalCodeSettings
{
    /// <summary>The options from configuration; defaults where a setting is absent.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="StartupRefusedException">The pattern has no <c>{number}</c> (codes would repeat) or the fonds code is blank.</exception>
    public static ArchivalCodeOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var fonds = configuration["ARCHIVE_FONDS_CODE"] ?? "F001";
        var pattern = configuration["ARCHIVE_ARCHIVAL_CODE_PATTERN"] ?? ArchivalCodeOptions.DefaultPattern;
        if (string.IsNullOrWhiteSpace(fonds) || !pattern.Contains("{number}", StringComparison.Ordinal))
        {
            throw new StartupRefusedException("config.archival-code",
                "档号设置无效：ARCHIVE_FONDS_CODE 不能为空，ARCHIVE_ARCHIVAL_CODE_PATTERN 必须包含 {number}（否则档号会重复）。");
        }

        return new ArchivalCodeOptions { FondsCode = fonds.Trim(), Pattern = pattern };
    }
}
