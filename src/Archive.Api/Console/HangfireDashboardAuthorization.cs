using Archive.Api.Principals;
using Hangfire.Dashboard;

namespace Archive.Api.Console;

/// <summary>
/// Lets only a signed-in system administrator (<c>admin</c>, through the console session or a bearer token) open the
/// Hangfire dashboard (后台任务面板) at <c>/admin/hangfire</c>; anyone else gets Hangfire's 401/403. Never anonymous.
/// </summary>
public sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc />
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return Task.FromResult(user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin));
    }
}
