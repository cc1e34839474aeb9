using System.Globalization;
using NodaTime;

namespace Archive.Api.Principals;

/// <summary>
/// Token lifetimes (令牌有效期) per role and the overlap of a rotation: <c>ARCHIVE_TOKEN_DAYS_&lt;ROLE&gt;</c>
/// (role upper-cased, <c>-</c> as <c>_</c>, e.g. <c>ARCHIVE_TOKEN_DAYS_INGEST</c>; default 180 days for trading systems,
/// 90 for people) and <c>ARCHIVE_TOKEN_ROTATION_OVERLAP_HOURS</c> (default 168: the old token keeps working a week
/// after its owner rotated it, so a trading system can roll the new one out without downtime).
/// </summary>
public sealed class TokenSettings
{
    private readonly IReadOnlyDictionary<string, Duration> _lifetimes;

    private TokenSettings(IReadOnlyDictionary<string, Duration> lifetimes, Duration overlap)
    {
        _lifetimes = lifetimes;
        RotationOverlap = overlap;
    }

    /// <summary>How long a rotated-out token keeps working.</summary>
    public Duration RotationOverlap { get; }

    /// <summary>The lifetime of a token issued to a principal of <paramref name="role"/>.</summary>
    /// <param name="role">One of <see cref="Roles"/>.</param>
    public Duration LifetimeOf(string role) => _lifetimes.TryGetValue(role, out var d) ? d : Duration.FromDays(90);

    /// <summary>Reads the settings from configuration (<c>ARCHIVE_*</c> variables, else the <c>Archive:Tokens</c> section).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <exception cref="InvalidOperationException">A value is not a positive whole number, or a lifetime passes ten years.</exception>
    public static TokenSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        int Get(string variable, string key, int fallback, int max)
        {
            var text = configuration[variable] is { Length: > 0 } v ? v : configuration[$"Archive:Tokens:{key}"];
            if (string.IsNullOrEmpty(text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max
                ? n
                : throw new InvalidOperationException($"{variable} must be a whole number from 1 to {max}.");
        }

        var lifetimes = Roles.All.ToDictionary(
            r => r,
            r => Duration.FromDays(Get("ARCHIVE_TOKEN_DAYS_" + r.ToUpperInvariant().Replace('-', '_'), "Days:" + r, r == Roles.Ingest ? 180 : 90, 3650)),
            StringComparer.Ordinal);
        return new TokenSettings(lifetimes, Duration.FromHours(Get("ARCHIVE_TOKEN_ROTATION_OVERLAP_HOURS", "RotationOverlapHours", 168, 24 * 90)));
    }
}
