using Microsoft.AspNetCore.DataProtection;

namespace Archive.Api.Console;

/// <summary>
/// Keeps the TOTP secrets of console logins encrypted in the database, under the data-protection keys of the data
/// folder (<c>&lt;data&gt;/console-keys</c>), so that a copy of the database alone (a backup, a replica, a dump) does not
/// give away anyone's second factor. Secrets enrolled before they were encrypted (20 bytes in clear) are still read,
/// and encrypted by <see cref="ConsoleLoginStore.ProtectClearTotpSecretsAsync"/> at start.
/// </summary>
public sealed class TotpSecretProtector(IDataProtectionProvider provider)
{
    /// <summary>The length of a secret as enrolment generates it (and as it was stored in clear before).</summary>
    public const int ClearSecretLength = 20;

    private readonly IDataProtector _protector = provider.CreateProtector("Archive.Console.TotpSecret.v1");

    /// <summary>The secret as the database stores it.</summary>
    /// <param name="secret">The secret the user's app holds.</param>
    public byte[] Protect(byte[] secret) => _protector.Protect(secret);

    /// <summary>The secret from what the database stores (a protected payload, or an old clear secret).</summary>
    /// <param name="stored">The stored bytes.</param>
    public byte[] Reveal(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return IsClear(stored) ? stored : _protector.Unprotect(stored);
    }

    /// <summary>Whether the stored bytes are an old clear secret (a protected payload is always longer).</summary>
    /// <param name="stored">The stored bytes.</param>
    public static bool IsClear(byte[] stored) => stored is { Length: ClearSecretLength };
}
