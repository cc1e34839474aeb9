using System.Text.Encodings.Web;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Archive.Api.Console;

/// <summary>
/// Authenticates a console session cookie (控制台会话): the session must be open and signed in, and its principal
/// still active — checked on every request, so a revoked or disabled principal is signed out at once. The claims are
/// those of a bearer token (<see cref="ArchiveIdentity"/>). Under <c>/api</c> the cookie counts only for safe methods
/// (GET, HEAD): a browser may read content with it but a cross-site form can change nothing (CSRF). Under <c>/api</c>
/// the challenge and refusal are the bearer scheme's problem+json; elsewhere the challenge redirects to the sign-in page.
/// </summary>
public sealed class ConsoleSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    ConsoleSessionStore sessions, PrincipalStore principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Console";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "archive-session";

    /// <summary>Whether <paramref name="request"/> addresses the API rather than the console.</summary>
    /// <param name="request">The request.</param>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS.</summary>
    /// <param name="context">The request.</param>
    /// <param name="sessionId">The session id.</param>
    public static void SetCookie(HttpContext context, string sessionId) =>
        context.Response.Cookies.Append(CookieName, sessionId, CookieOptionsFor(context));

    /// <summary>Removes the session cookie.</summary>
    /// <param name="context">The request.</param>
    public static void DeleteCookie(HttpContext context) => context.Response.Cookies.Delete(CookieName, CookieOptionsFor(context));

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Cookies[CookieName] is not { Length: > 0 and < 100 } id)
        {
            return AuthenticateResult.NoResult();
        }

        if (IsApi(Request) && !(HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)))
        {
            Context.Items[BearerTokenHandler.RefusalItem] = ("auth.cookie-unsafe-method",
                "浏览器会话只能以 GET/HEAD 读取 API；修改操作请在控制台页面中完成，系统对接请使用访问令牌（Authorization: Bearer）。");
            return AuthenticateResult.NoResult();
        }

        if (await sessions.TouchAsync(id, Context.RequestAborted) is not { Stage: ConsoleStage.Active } open)
        {
            return AuthenticateResult.NoResult();
        }

        if (await principals.FindAsync(open.PrincipalId, Context.RequestAborted) is not { Status: "active" } principal)
        {
            await sessions.EndAllAsync(open.PrincipalId, Context.RequestAborted);
            return AuthenticateResult.NoResult();
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ArchiveIdentity.For(principal, TokenState.Current, SchemeName), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsApi(Request))
        {
            return Context.ChallengeAsync(BearerTokenHandler.SchemeName);
        }

        Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (IsApi(Request))
        {
            return Context.ForbidAsync(BearerTokenHandler.SchemeName);
        }

        Response.Redirect("/denied");
        return Task.CompletedTask;
    }

    private static CookieOptions CookieOptionsFor(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
