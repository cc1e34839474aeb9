using NodaTime;

namespace Archive.Api.Console;

/// <summary>A principal's console login (控制台账号): a login name, a password hash and an optional TOTP secret.</summary>
/// <param name="PrincipalId">The principal it signs in as.</param>
/// <param name="LoginName">The login name (lower case).</param>
/// <param name="PasswordHash">The ASP.NET Core Identity PBKDF2 hash.</param>
/// <param name="MustChange">Whether the password is an initial one that must be changed at the next sign-in.</param>
/// <param name="TotpSecret">The TOTP secret when a second factor is enrolled.</param>
/// <param name="TotpLastStep">The step of the last TOTP code accepted.</param>
/// <param name="LockedUntil">Until when sign-in is refused after too many failures.</param>
public sealed record ConsoleLogin(
    Guid PrincipalId, string LoginName, string PasswordHash, bool MustChange, byte[]? TotpSecret, long? TotpLastStep, Instant? LockedUntil);
