using Archive.Ingest.Reporting;
using System.Globalization;
using System.Security.Claims;
using Archive.Api.Access.Requests;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Core.Errors;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Access.Log;

/// <summary>
/// The access records of CONTRACT §7: <c>GET /api/v1/access-log</c> (查询/复制记录) and the 档案查阅/复制登记表 of one
/// request, <c>GET /api/v1/access-requests/{id}/register.pdf</c>.
/// </summary>
public static class AccessLogApi
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAccessLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/access-requests/{id:guid}/register.pdf", RegisterAsync).WithTags("access").RequireAuthorization(Policies.Authenticated)
            .RequireAuthorization(p => p.RequireRole(Roles.Approver, Roles.Archivist, Roles.Auditor))
            .WithSummary("档案查阅/复制登记表（PDF，中文）。");
        app.MapGet("/api/v1/access-log", LogAsync).WithTags("access").RequireAuthorization(p => p.RequireRole(Roles.Archivist, Roles.Approver, Roles.AuditAdmin))
            .WithSummary("查询/复制记录：?project=&principal=&organization=&request=&from=&to=（yyyy-MM-dd 按 Asia/Shanghai 日历日含两端，或 ISO 时刻）&after=&limit=；每行附账本序号。");
        return app;
    }

    /// <summary>A row of <c>GET /api/v1/access-log</c>.</summary>
    /// <param name="Index">Ledger index.</param>
    /// <param name="Type">Entry type.</param>
    /// <param name="At">Instant.</param>
    /// <param name="Principal">Principal concerned.</param>
    /// <param name="PrincipalName">Its name.</param>
    /// <param name="Organization">Its organisation.</param>
    /// <param name="Projects">Projects concerned.</param>
    /// <param name="Request">Access request.</param>
    /// <param name="Grant">Grant.</param>
    /// <param name="Entry">The entry's fields.</param>
    public sealed record AccessLogRowView(
        long Index, string Type, string At, Guid? Principal, string? PrincipalName, string? Organization, IReadOnlyList<string> Projects,
        Guid? Request, Guid? Grant, System.Text.Json.JsonElement Entry);

    private static async Task<IResult> LogAsync(
        string? project, string? principal, string? organization, string? request, string? from, string? to, string? after, string? limit,
        AccessLogStore log, CancellationToken ct)
    {
        Guid? principalId = null, requestId = null;
        if (!string.IsNullOrEmpty(principal))
        {
            principalId = Guid.TryParse(principal, out var p) ? p : throw Bad("access-log.principal", "principal 应为主体编号（UUID）。", "principal");
        }

        if (!string.IsNullOrEmpty(request))
        {
            requestId = Guid.TryParse(request, out var r) ? r : throw Bad("access-log.request", "request 应为申请编号（UUID）。", "request");
        }

        var fromInstant = Bound(from, "from", endOfDay: false);
        var toInstant = Bound(to, "to", endOfDay: true);
        if (fromInstant is { } f && toInstant is { } t && f >= t)
        {
            throw Bad("access-log.range", "起始时间应早于截止时间。", "from");
        }

        long? afterIndex = null;
        if (!string.IsNullOrEmpty(after))
        {
            afterIndex = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : throw Bad("access-log.after", "after 应为非负整数（账本序号）。", "after");
        }

        var size = 200;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > AccessLogStore.MaxLimit))
        {
            throw Bad("access-log.limit", $"limit 应为 1–{AccessLogStore.MaxLimit} 的整数。", "limit");
        }

        var rows = await log.QueryAsync(new AccessLogQuery(
            string.IsNullOrEmpty(project) ? null : project.Normalize(System.Text.NormalizationForm.FormC), principalId,
            string.IsNullOrEmpty(organization) ? null : organization.Trim(), requestId, fromInstant, toInstant, afterIndex, size), ct);
        return TypedResults.Ok(rows.Select(r => new AccessLogRowView(
            r.Index, r.Type, AccessEntries.Format(r.At), r.Principal, r.PrincipalName, r.Organization, r.Projects, r.Request, r.Grant, r.Entry)).ToList());
    }

    private static async Task<IResult> RegisterAsync(Guid id, AccessRequestStore store, AccessLogStore log, IClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var request = await AccessRequestsApi.VisibleAsync(store, id, user, ct);
        var rows = await log.QueryAsync(new AccessLogQuery(null, null, null, id, null, null, null, AccessLogStore.MaxLimit), ct);
        var pdf = AccessRegisterPdf.Render(request, rows, clock.GetCurrentInstant());
        return TypedResults.File(pdf, "application/pdf", $"登记表-{request.ApprovalNumber}.pdf");
    }

    /// <summary>A date (calendar day in Asia/Shanghai: its start, or for <c>to</c> the next day's start) or an ISO instant.</summary>
    internal static Instant? Bound(string? text, string field, bool endOfDay)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            var day = endOfDay ? date.Value.PlusDays(1) : date.Value;
            return day.AtStartOfDayInZone(Shanghai).ToInstant();
        }

        return InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant
            ? instant.Value
            : throw Bad("access-log.time", "时间应为 yyyy-MM-dd（按北京时间日历日）或 ISO-8601 时刻（如 2026-01-05T08:00:00Z）。", field);
    }

    private static AccessWorkflowException Bad(string code, string message, string field) =>
        new(ErrorKind.Invalid, code, message, field);
}
