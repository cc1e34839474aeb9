using System.Globalization;

namespace Archive.Api.Console;

/// <summary>Settings of the console's sign-in (控制台登录设置), read from <c>ARCHIVE_CONSOLE_*</c>.</summary>
public sealed class ConsoleSettings
{
    /// <summary>A session unused this long ends (<c>ARCHIVE_CONSOLE_IDLE_MINUTES</c>, default 30).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in whatever its use (<c>ARCHIVE_CONSOLE_SESSION_HOURS</c>, default 12).</summary>
    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Failed sign-ins inside <see cref="FailureWindow"/> that lock a login (<c>ARCHIVE_CONSOLE_LOCKOUT_FAILURES</c>, default 5).</summary>
    public int LockoutFailures { get; init; } = 5;

    /// <summary>The window in which failures are counted, and how long a lockout lasts (default 15 minutes).</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The bootstrap administrator's initial console password (<c>ARCHIVE_BOOTSTRAP_ADMIN_PASSWORD</c>), or null to generate one.</summary>
    public string? BootstrapAdminPassword { get; init; }

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The host's configuration.</param>
    public static ConsoleSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ConsoleSettings
        {
            IdleTimeout = TimeSpan.FromMinutes(Number(configuration, "ARCHIVE_CONSOLE_IDLE_MINUTES", 30)),
            AbsoluteLifetime = TimeSpan.FromHours(Number(configuration, "ARCHIVE_CONSOLE_SESSION_HOURS", 12)),
            LockoutFailures = Number(configuration, "ARCHIVE_CONSOLE_LOCKOUT_FAILURES", 5),
            FailureWindow = TimeSpan.FromMinutes(Number(configuration, "ARCHIVE_CONSOLE_LOCKOUT_MINUTES", 15)),
            BootstrapAdminPassword = configuration["ARCHIVE_BOOTSTRAP_ADMIN_PASSWORD"] is { Length: > 0 } p ? p : null,
        };
    }

    private static int Number(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new InvalidOperationException($"{key} must be a positive whole number.")
            : fallback;
}
