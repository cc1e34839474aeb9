using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Core.Errors;

namespace Archive.Api.Console;

/// <summary>
/// <c>POST /api/v1/principals/{id}/login</c>: the system administrator issues (or resets) a principal's console login.
/// The initial password — the one given, or a generated one — is returned once and must be changed at first sign-in.
/// </summary>
public static class ConsoleLoginsApi
{
    /// <summary>Body of the request.</summary>
    /// <param name="LoginName">The login name (2–64 of letters, digits, <c>._-</c>).</param>
    /// <param name="Password">An initial password (at least 10 characters), or null to generate one.</param>
    public sealed record IssueLoginRequest(string? LoginName, string? Password);

    /// <summary>Answer: the initial password, shown only here.</summary>
    /// <param name="PrincipalId">The principal.</param>
    /// <param name="LoginName">The login name as stored (lower case).</param>
    /// <param name="InitialPassword">The initial password.</param>
    /// <param name="MustChange">Always true: the user sets a password of their own at first sign-in.</param>
    public sealed record IssuedLogin(Guid PrincipalId, string LoginName, string InitialPassword, bool MustChange);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapConsoleLoginsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/principals/{id:guid}/login", PostAsync).RequireAuthorization(Policies.Admin).WithTags("principals")
            .WithSummary("签发或重置主体的控制台登录账号（系统管理员）；初始密码只返回一次，首次登录须修改。重置会清除动态口令并结束其全部会话。");
        return app;
    }

    /// <summary>Issues or resets the login, refusing trading systems (they use tokens only).</summary>
    /// <param name="id">The principal.</param>
    /// <param name="loginName">The login name.</param>
    /// <param name="password">The initial password, or null to generate one.</param>
    /// <param name="principals">The principals.</param>
    /// <param name="logins">The logins.</param>
    /// <param name="by">The administrator.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ConsoleException">The principal does not exist, is a trading system, or the name or password is refused.</exception>
    public static async Task<IssuedLogin> IssueAsync(
        Guid id, string? loginName, string? password, PrincipalStore principals, ConsoleLoginStore logins, Guid by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(logins);
        var principal = await principals.FindAsync(id, ct) ?? throw new ConsoleException(ErrorKind.NotFound, "principal.not-found", "主体不存在或已被吊销。");
        if (principal.Role == Roles.Ingest)
        {
            throw new ConsoleException(ErrorKind.Invalid, "console.login-ingest", "交易系统只使用访问令牌，不能签发控制台登录账号。");
        }

        var initial = await logins.IssueAsync(id, loginName ?? "", password, by, ct);
        return new IssuedLogin(id, loginName!.Trim().ToLowerInvariant(), initial, true);
    }

    private static async Task<IResult> PostAsync(
        Guid id, IssueLoginRequest? body, PrincipalStore principals, ConsoleLoginStore logins, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await IssueAsync(id, body?.LoginName, body?.Password, principals, logins, user.PrincipalId(), ct));
}
