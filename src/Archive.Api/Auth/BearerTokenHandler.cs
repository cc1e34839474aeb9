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
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, PrincipalStore principals,
    AuthFailureLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Bearer";

    private const string RetryAfterItem = "archive:auth-retry-after";

    /// <summary>The <c>HttpContext.Items</c> key of a (code, message) refusal that the challenge answers with.</summary>
    internal const string RefusalItem = "archive:auth-refusal";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        // The client address: the socket's peer, or the forwarded client when the peer is a trusted proxy
        // (NetworkEdge has rewritten it then), so clients behind one proxy are counted apart.
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var check = token is not null && BearerTokens.IsPlausible(token) ? await principals.AuthenticateAsync(token, Context.RequestAborted) : null;
        if (check is null or { State: TokenState.Unknown } && limiter.RetryAfter(address) is { } wait)
        {
            // Brute-force protection (AuthFailureLimiter): a limited client's failures are refused with 429 and not
            // counted further; a token that verifies is never refused.
            Context.Items[RetryAfterItem] = wait;
            return AuthenticateResult.Fail("rate limited");
        }

        if (check is null)
        {
            return Failed(address, token is null ? "not a bearer token" : "malformed token");
        }

        // An expired or not yet confirmed token is a real one, not a guess: refused with its own code, not counted.
        switch (check.State)
        {
            case TokenState.Expired:
                Context.Items[RefusalItem] = ("auth.token-expired", "访问令牌已过期，请联系系统管理员重新启用，或在过期前轮换令牌。");
                return AuthenticateResult.Fail("expired token");
            case TokenState.Pending:
                Context.Items[RefusalItem] = ("auth.principal-pending", "该主体尚待安全管理员复核，复核通过前令牌不能使用。");
                return AuthenticateResult.Fail("principal awaiting confirmation");
            case TokenState.Unknown:
                return Failed(address, "unknown or revoked token");
        }

        var user = ArchiveIdentity.For(check.Principal!, check.State, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.ApiProblem.Of(StatusCodes.Status429TooManyRequests, "auth.rate-limited",
                $"认证失败次数过多，请 {seconds} 秒后再试。").ExecuteAsync(Context);
        }

        var (code, message) = Context.Items[RefusalItem] as (string, string)? ?? ("auth.unauthenticated", "缺少有效的访问令牌（Authorization: Bearer）。");
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, code, message);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "auth.forbidden", "当前角色无权执行此操作。");

    private AuthenticateResult Failed(string address, string reason)
    {
        limiter.RecordFailure(address, reason);
        return AuthenticateResult.Fail(reason);
    }

    private Task WriteProblemAsync(int status, string code, string message)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        return Problems.ApiProblem.Of(status, code, message).ExecuteAsync(Context);
    }
}
