using System.Security.Cryptography;
using Archive.Api.Auth;
using Archive.Core.Errors;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Archive.Api.Console.Pages.Account;

/// <summary>
/// TOTP enrolment (动态口令) for the signed-in user: a new secret is shown (the <c>otpauth://</c> URI and the base 32
/// text) and kept, protected, in the form until a code from the app proves it was taken over.
/// </summary>
public sealed class TotpModel(ConsoleLoginStore logins, IDataProtectionProvider protection, IClock clock) : PageModel
{
    private const string Issuer = "云南省公共资源交易电子档案";

    /// <summary>Whether the user has a second factor already.</summary>
    public bool Enrolled { get; private set; }

    /// <summary>The login name.</summary>
    public string LoginName { get; private set; } = "";

    /// <summary>The new secret in base 32.</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The enrolment URI.</summary>
    public string Uri { get; private set; } = "";

    /// <summary>The protected secret carried by the form.</summary>
    public string ProtectedSecret { get; private set; } = "";

    /// <summary>The refusal to show, if any.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Set after a successful enrolment.</summary>
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var login = await logins.FindAsync(User.PrincipalId(), ct);
        if (login is null)
        {
            return NotFound();
        }

        LoginName = login.LoginName;
        Enrolled = login.TotpSecret is not null;
        if (!Enrolled)
        {
            Offer(RandomNumberGenerator.GetBytes(20));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? protectedSecret, string? code, CancellationToken ct)
    {
        var login = await logins.FindAsync(User.PrincipalId(), ct);
        if (login is null)
        {
            return NotFound();
        }

        LoginName = login.LoginName;
        byte[] secret;
        try
        {
            secret = Protector.Unprotect(Convert.FromBase64String(protectedSecret ?? ""));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return BadRequest();
        }

        var step = Totp.Verify(secret, code, clock.GetCurrentInstant().ToUnixTimeSeconds(), null);
        if (step is null)
        {
            Refusal = ConsoleRefusal.Of(new ConsoleException(ErrorKind.Invalid, "console.totp-invalid", "动态口令错误，请确认已添加到认证器应用，并输入其当前显示的 6 位数字。", "code"));
            Offer(secret);
            return Page();
        }

        await logins.EnrolTotpAsync(login.PrincipalId, secret, step.Value, ct);
        Enrolled = true;
        Done = true;
        return Page();
    }

    private IDataProtector Protector => protection.CreateProtector("Archive.Console.TotpEnrolment", User.PrincipalId().ToString());

    private void Offer(byte[] secret)
    {
        Secret = Base32.Encode(secret);
        Uri = Totp.EnrolmentUri(Issuer, LoginName, secret);
        ProtectedSecret = Convert.ToBase64String(Protector.Protect(secret));
    }
}
