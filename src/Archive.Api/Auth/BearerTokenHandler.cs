using System.Security.Claims;
using System.Text.Encodings.Web;
using Archive.Api.Principals;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Archive.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the principals table on every request,
/// so that a revoked token stops working at once. Challenges and refusals answer in problem+json.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, PrincipalStore principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Bearer";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("not a bearer token");
        }

        var token = header["Bearer ".Length..].Trim();
        if (!BearerTokens.IsPlausible(token))
        {
            return AuthenticateResult.Fail("malformed token");
        }

        var principal = await principals.AuthenticateAsync(token, Context.RequestAborted);
        if (principal is null)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, principal.Id.ToString()),
            new(ClaimTypes.Name, principal.Name),
            new(ClaimTypes.Role, principal.Role),
        };
        if (principal.Organization is not null)
        {
            claims.Add(new Claim(ArchiveClaims.Organization, principal.Organization));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "auth.unauthenticated", "缺少有效的访问令牌（Authorization: Bearer）。");

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "auth.forbidden", "当前角色无权执行此操作。");

    private Task WriteProblemAsync(int status, string code, string message)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Problems.ApiProblem.Of(status, code, message).ExecuteAsync(Context);
    }
}
