using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Archive.Api.Console.Pages;

/// <summary>Sign-out (退出登录): ends the server-side session, so the cookie no longer works anywhere.</summary>
[AllowAnonymous]
public sealed class SignOutModel(ConsoleSignIn signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/SignIn");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Request.Cookies[ConsoleSessionHandler.CookieName] is { Length: > 0 } session)
        {
            await signIn.SignOutAsync(session, ct);
        }

        ConsoleSessionHandler.DeleteCookie(HttpContext);
        return RedirectToPage("/SignIn");
    }
}
