using Archive.Core.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages;

/// <summary>The sign-in page (登录): password, then the initial password's change or the TOTP code when needed.</summary>
public sealed class SignInModel(ConsoleSignIn signIn) : PageModel
{
    /// <summary>Where the sign-in stands for this browser.</summary>
    public ConsoleStage? Stage { get; private set; }

    /// <summary>The refusal to show, if any.</summary>
    public ConsoleRefusal? Refusal { get; private set; }

    /// <summary>Where to go after signing in (a local address only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The login name entered.</summary>
    [BindProperty]
    public string? LoginName { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(Target);
        }

        Stage = await signIn.StageAsync(Request.Cookies[ConsoleSessionHandler.CookieName], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? password, CancellationToken ct)
    {
        try
        {
            var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var (session, stage) = await signIn.PasswordAsync(LoginName, password, address, ct);
            ConsoleSessionHandler.SetCookie(HttpContext, session);
            return Next(stage);
        }
        catch (ArchiveException e)
        {
            return Refused(e, null);
        }
    }

    public async Task<IActionResult> OnPostChangeAsync(string? password, string? confirm, CancellationToken ct)
    {
        try
        {
            if (!string.Equals(password, confirm, StringComparison.Ordinal))
            {
                throw new ConsoleException(ErrorKind.Invalid, "console.password-mismatch", "两次输入的新密码不一致。", "confirm");
            }

            return Next(await signIn.ChangeInitialPasswordAsync(Session, password, ct));
        }
        catch (ArchiveException e)
        {
            return Refused(e, ConsoleStage.Password);
        }
    }

    public async Task<IActionResult> OnPostTotpAsync(string? code, CancellationToken ct)
    {
        try
        {
            await signIn.TotpAsync(Session, code, ct);
            return LocalRedirect(Target);
        }
        catch (ArchiveException e)
        {
            return Refused(e, e.Code == "console.totp-invalid" ? ConsoleStage.Totp : null);
        }
    }

    private string Session => Request.Cookies[ConsoleSessionHandler.CookieName] ?? "";

    private string Target => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    private IActionResult Next(ConsoleStage stage) =>
        stage == ConsoleStage.Active ? LocalRedirect(Target) : RedirectToPage("/SignIn", new { ReturnUrl });

    private PageResult Refused(ArchiveException e, ConsoleStage? stage)
    {
        Refusal = ConsoleRefusal.Of(e);
        Stage = stage;
        return Page();
    }
}
