using System.Text.Json.Nodes;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Archive.Integrity.Ledger;
using NodaTime;

namespace Archive.Api.Console;

/// <summary>
/// Console sign-in (控制台登录): password, then the initial password's change or the TOTP code when needed, then an
/// active session; and sign-out. Every sign-in, failure, lockout and sign-out is ledgered (<c>console.*</c>) with the
/// login name only when it exists — never a password or a code.
/// </summary>
public sealed class ConsoleSignIn(
    ConsoleLoginStore logins, ConsoleSessionStore sessions, PrincipalStore principals, ILedger ledger, IClock clock,
    ConsoleSettings settings, AuthFailureLimiter limiter)
{
    /// <summary>Checks the password and opens a session at the stage it leads to.</summary>
    /// <param name="loginName">The login name entered.</param>
    /// <param name="password">The password entered.</param>
    /// <param name="address">The client address (for the brute-force limiter).</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ConsoleException">Wrong name or password, locked out, principal not active, or too many attempts.</exception>
    public async Task<(string SessionId, ConsoleStage Stage)> PasswordAsync(string? loginName, string? password, string address, CancellationToken ct)
    {
        if (limiter.RetryAfter(address) is { } wait)
        {
            throw new ConsoleException(ErrorKind.Forbidden, "auth.rate-limited", $"认证失败次数过多，请 {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} 秒后再试。");
        }

        var login = string.IsNullOrWhiteSpace(loginName) ? null : await logins.FindByNameAsync(loginName, ct);
        if (login is null)
        {
            limiter.RecordFailure(address, "unknown console login");
            // The name entered is not recorded: it may be a password typed into the wrong field.
            await ledger.AppendAsync("console.sign-in-failed", new JsonObject { ["reason"] = "unknown-login" }, null, ct);
            throw WrongPassword();
        }

        var now = clock.GetCurrentInstant();
        if (login.LockedUntil is { } until && until > now)
        {
            await ledger.AppendAsync("console.sign-in-failed", new JsonObject
            {
                ["principal"] = login.PrincipalId.ToString(),
                ["loginName"] = login.LoginName,
                ["reason"] = "locked",
            }, null, ct);
            throw Locked(until, now);
        }

        if (password is null || !ConsoleLoginStore.PasswordMatches(login, password))
        {
            limiter.RecordFailure(address, "wrong console password");
            if (await logins.RecordFailureAsync(login, "password", ct) is { } lockedUntil)
            {
                throw Locked(lockedUntil, now);
            }

            throw WrongPassword();
        }

        if (await principals.FindAsync(login.PrincipalId, ct) is not { Status: "active" })
        {
            await ledger.AppendAsync("console.sign-in-failed", new JsonObject
            {
                ["principal"] = login.PrincipalId.ToString(),
                ["loginName"] = login.LoginName,
                ["reason"] = "principal-inactive",
            }, null, ct);
            throw new ConsoleException(ErrorKind.Forbidden, "console.principal-inactive", "该账号所属主体已被吊销或尚待安全管理员复核，不能登录。");
        }

        await logins.ClearFailuresAsync(login.PrincipalId, ct);
        var stage = login.MustChange ? ConsoleStage.Password : login.TotpSecret is not null ? ConsoleStage.Totp : ConsoleStage.Active;
        var session = await sessions.CreateAsync(login.PrincipalId, stage, ct);
        if (stage == ConsoleStage.Active)
        {
            await SignedInAsync(login, secondFactor: false, ct);
        }

        return (session, stage);
    }

    /// <summary>Replaces the initial password of the session's login, then continues the sign-in.</summary>
    /// <param name="sessionId">The cookie's session id.</param>
    /// <param name="newPassword">The password chosen.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ConsoleException">The session is not at this stage, or the password is too weak.</exception>
    public async Task<ConsoleStage> ChangeInitialPasswordAsync(string sessionId, string? newPassword, CancellationToken ct)
    {
        var login = await PendingLoginAsync(sessionId, ConsoleStage.Password, ct);
        if (newPassword is not null && ConsoleLoginStore.PasswordMatches(login, newPassword))
        {
            throw new ConsoleException(ErrorKind.Invalid, "console.password-unchanged", "新密码不能与初始密码相同。", "password");
        }

        await logins.ChangePasswordAsync(login.PrincipalId, newPassword, ct);
        var next = login.TotpSecret is not null ? ConsoleStage.Totp : ConsoleStage.Active;
        await sessions.AdvanceAsync(sessionId, ConsoleStage.Password, next, ct);
        if (next == ConsoleStage.Active)
        {
            await SignedInAsync(login, secondFactor: false, ct);
        }

        return next;
    }

    /// <summary>Checks the TOTP code of the session's login and activates the session.</summary>
    /// <param name="sessionId">The cookie's session id.</param>
    /// <param name="code">The 6-digit code.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="ConsoleException">The session is not at this stage, the code is wrong or reused, or the login got locked.</exception>
    public async Task TotpAsync(string sessionId, string? code, CancellationToken ct)
    {
        var login = await PendingLoginAsync(sessionId, ConsoleStage.Totp, ct);
        var now = clock.GetCurrentInstant();
        var step = Totp.Verify(login.TotpSecret!, code, now.ToUnixTimeSeconds(), login.TotpLastStep);
        if (step is null || !await logins.UseTotpStepAsync(login.PrincipalId, step.Value, ct))
        {
            if (await logins.RecordFailureAsync(login, "totp", ct) is { } lockedUntil)
            {
                await sessions.EndAsync(sessionId, ct);
                throw Locked(lockedUntil, now);
            }

            throw new ConsoleException(ErrorKind.Invalid, "console.totp-invalid", "动态口令错误或已使用，请输入认证器应用当前显示的 6 位数字。", "code");
        }

        await sessions.AdvanceAsync(sessionId, ConsoleStage.Totp, ConsoleStage.Active, ct);
        await SignedInAsync(login, secondFactor: true, ct);
    }

    /// <summary>The stage of the open session <paramref name="sessionId"/>, or null.</summary>
    /// <param name="sessionId">The cookie's session id.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<ConsoleStage?> StageAsync(string? sessionId, CancellationToken ct) =>
        sessionId is null ? null : (await sessions.TouchAsync(sessionId, ct))?.Stage;

    /// <summary>Ends the session (<c>console.signed-out</c>); nothing when it had ended already.</summary>
    /// <param name="sessionId">The cookie's session id.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task SignOutAsync(string sessionId, CancellationToken ct)
    {
        if (await sessions.EndAsync(sessionId, ct) is { } principal)
        {
            await ledger.AppendAsync("console.signed-out", new JsonObject { ["principal"] = principal.ToString() }, null, ct);
        }
    }

    private async Task<ConsoleLogin> PendingLoginAsync(string sessionId, ConsoleStage stage, CancellationToken ct) =>
        await sessions.TouchAsync(sessionId, ct) is { } open && open.Stage == stage && await logins.FindAsync(open.PrincipalId, ct) is { } login
            ? login
            : throw new ConsoleException(ErrorKind.Forbidden, "console.session-expired", "登录会话已结束，请重新登录。");

    private Task SignedInAsync(ConsoleLogin login, bool secondFactor, CancellationToken ct) =>
        ledger.AppendAsync("console.signed-in", new JsonObject
        {
            ["principal"] = login.PrincipalId.ToString(),
            ["loginName"] = login.LoginName,
            ["secondFactor"] = secondFactor,
        }, null, ct);

    private static ConsoleException WrongPassword() =>
        new(ErrorKind.Forbidden, "console.sign-in-failed", "登录名或密码错误。");

    private ConsoleException Locked(Instant until, Instant now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return new ConsoleException(ErrorKind.Forbidden, "console.locked-out",
            $"该账号因 {settings.FailureWindow.TotalMinutes:0} 分钟内连续 {settings.LockoutFailures} 次登录失败已被锁定，"
            + $"将于 {ConsoleTime.Format(until)}（北京时间，约 {minutes} 分钟后）自动解锁；如需提前解锁，请联系系统管理员重置账号。");
    }
}
