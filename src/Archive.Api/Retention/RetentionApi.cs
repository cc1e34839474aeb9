using Archive.Ingest.Reporting;
using System.Security.Claims;
using Archive.Api.Access.Requests;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Api.Problems;
using Archive.Ingest.Arrangement;
using Archive.Ingest.Hosting;
using Archive.Ingest.Retention;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Retention;

/// <summary>
/// Endpoints of CONTRACT §9 for holds, due versions and disposal appraisals (法律冻结、到期鉴定、销毁). Refusals are
/// <see cref="RetentionException"/>s, answered by the host's exception handler.
/// </summary>
public static class RetentionApi
{
    /// <summary>Body of a hold.</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Reference">Case or document number.</param>
    public sealed record HoldBody(string? Reason, string? Reference);

    /// <summary>Body of a disposal proposal: whole projects and/or single items (additive member <c>items</c>).</summary>
    /// <param name="Projects">Project codes.</param>
    /// <param name="Reason">Why.</param>
    /// <param name="Items">Single items whose own retention ended.</param>
    public sealed record DisposalBody(IReadOnlyList<string>? Projects, string? Reason, IReadOnlyList<DisposalItemBody?>? Items = null);

    /// <summary>One item of a disposal proposal.</summary>
    /// <param name="Project">Project code.</param>
    /// <param name="Version">Version holding the item.</param>
    /// <param name="Path">The item's path.</param>
    public sealed record DisposalItemBody(string? Project, int? Version, string? Path);

    /// <summary>Body of an appraisal decision.</summary>
    /// <param name="Decision"><c>keep</c> or <c>dispose</c>.</param>
    /// <param name="Comment">Comment; required to keep.</param>
    /// <param name="ExtendUntil">With keep: the new end of retention, <c>yyyy-MM-dd</c>.</param>
    public sealed record DecisionBody(string? Decision, string? Comment, string? ExtendUntil);

    /// <summary>Body of an access-status change.</summary>
    /// <param name="OpenStatus"><c>open</c> or <c>closed</c>.</param>
    /// <param name="Classification">密级: <c>public</c>, <c>internal</c>, <c>secret</c>, <c>confidential</c>, <c>top-secret</c>.</param>
    /// <param name="Reason">Optional reason.</param>
    public sealed record AccessStatusBody(string? OpenStatus, string? Classification, string? Reason);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var staff = new[] { Roles.Archivist, Roles.Approver };
        var holds = app.MapGroup("/api/v1/projects/{code}/holds").WithTags("retention").RequireAuthorization(p => p.RequireRole(staff));
        holds.MapPost("/", PlaceHoldAsync)
            .WithSummary("对项目设置法律冻结（档案员、审批人）：{reason, reference}（如纪检监察案件编号）→ 201 {id}；记账 hold.placed；冻结期间该项目不得销毁。");
        holds.MapDelete("/{id:guid}", ReleaseHoldAsync)
            .WithSummary("解除法律冻结（档案员、审批人）；记账 hold.released。");
        holds.MapGet("/", ListHoldsAsync)
            .WithSummary("项目的全部冻结记录（含已解除），附账本序号。");

        app.MapGet("/api/v1/retention/due", DueAsync).WithTags("retention").RequireAuthorization(p => p.RequireRole(staff))
            .WithSummary("保管期限在 before（yyyy-MM-dd，默认今天，Asia/Shanghai）之前届满、尚未销毁的版本；附冻结数与每日任务开启鉴定的账本序号（appraisal.opened）。");

        app.MapGet("/api/v1/retention/due/items", DueItemsAsync).WithTags("retention").RequireAuthorization(p => p.RequireRole(staff))
            .WithSummary("自身保管期限在 before（yyyy-MM-dd，默认今天）之前届满、而所在版本尚未届满的条目（未销毁）；附冻结数与每日任务开启鉴定的账本序号（appraisal.opened，含条目路径）。");

        var disposals = app.MapGroup("/api/v1/disposals").WithTags("retention").RequireAuthorization(p => p.RequireRole(staff));
        disposals.MapPost("/", ProposeAsync).RequireAuthorization(p => p.RequireRole(Roles.Archivist))
            .WithSummary("提出销毁鉴定（档案员）：{projects:[编号], items:[{project, version, path}], reason} → 201（projects 与 items 至少其一；items 为自身保管期满的单个条目）；未到期、处于冻结或已在鉴定中答 409，且不作任何改变；记账 disposal.proposed。");
        disposals.MapGet("/{id:guid}", GetAsync)
            .WithSummary("销毁鉴定的状态：appraising（鉴定中）、kept（继续保存）、disposing（执行中）、waiting（等待冻结解除或存储锁定期满，附原因）、disposed（已销毁）。");
        disposals.MapPost("/{id:guid}/decisions", DecideAsync).RequireAuthorization(p => p.RequireRole(Roles.Approver))
            .WithSummary("鉴定小组成员（审批人，非提出人）作出鉴定意见：{decision: keep|dispose, comment, extendUntil?}；记账 appraisal.decided。任一 keep（须附意见与新期限）即继续保存并延长期限；两名审批人 dispose 即执行销毁：先存销毁清册，再删除两份副本中的内容，最后记账 retention.disposed。");
        disposals.MapGet("/{id:guid}/register.pdf", RegisterAsync)
            .WithSummary("销毁清册（PDF，中文）：项目、版本、条目及其 SHA-256/SM3 摘要、保管依据、鉴定意见及账本序号、监销人。");
        app.MapPut("/api/v1/projects/{code}/versions/{n:int}/access-status", SetAccessStatusAsync).WithTags("retention")
            .RequireAuthorization(p => p.RequireRole(Roles.Archivist))
            .WithSummary("设置版本的开放状态与密级（档案员）：{openStatus: open|closed, classification: public|internal|secret|confidential|top-secret, reason?}；记账 version.access-status-set；项目概况中显示。");
        return app;
    }

    private static async Task<IResult> SetAccessStatusAsync(string code, int n, AccessStatusBody? body, VersionAccessStatuses statuses, ClaimsPrincipal user, CancellationToken ct)
    {
        var project = code.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Normalize(System.Text.NormalizationForm.FormC);
        var status = await statuses.SetAsync(Actor(user), project, n, body?.OpenStatus, body?.Classification, body?.Reason, ct);
        return TypedResults.Ok(new { project, version = n, openStatus = status.OpenStatus, classification = status.Classification, ledgerIndex = status.LedgerIndex });
    }

    private static RetentionActor Actor(ClaimsPrincipal user)
    {
        var caller = AccessCaller.From(user);
        return new RetentionActor(caller.Id, caller.Name, caller.Role);
    }

    private static async Task<IResult> PlaceHoldAsync(string code, HoldBody? body, LegalHolds holds, ClaimsPrincipal user, CancellationToken ct)
    {
        var hold = await holds.PlaceAsync(Actor(user), code, body?.Reason, body?.Reference, ct);
        return TypedResults.Created($"/api/v1/projects/{Uri.EscapeDataString(hold.ProjectCode)}/holds/{hold.Id}", RetentionViews.Hold(hold));
    }

    private static async Task<IResult> ReleaseHoldAsync(string code, Guid id, LegalHolds holds, ClaimsPrincipal user, CancellationToken ct)
    {
        var index = await holds.ReleaseAsync(Actor(user), code, id, ct);
        return TypedResults.Ok(new { id, releasedLedgerIndex = index });
    }

    private static async Task<IResult> ListHoldsAsync(string code, LegalHolds holds, CancellationToken ct) =>
        TypedResults.Ok((await holds.ListAsync(code, ct)).Select(RetentionViews.Hold).ToList());

    private static async Task<IResult> DueAsync(string? before, RetentionDue due, IClock clock, CancellationToken ct) =>
        Before(before, clock) is { } date
            ? TypedResults.Ok((await due.ListAsync(date, 1000, ct)).Select(RetentionViews.Due).ToList())
            : ApiProblem.BadRequest("retention.before", "before 应为日期 yyyy-MM-dd。", "before");

    private static async Task<IResult> DueItemsAsync(string? before, RetentionDue due, IClock clock, CancellationToken ct) =>
        Before(before, clock) is { } date
            ? TypedResults.Ok((await due.ListItemsAsync(date, 1000, ct)).Select(RetentionViews.DueItem).ToList())
            : ApiProblem.BadRequest("retention.before", "before 应为日期 yyyy-MM-dd。", "before");

    /// <summary>The <c>before</c> date: today (Asia/Shanghai) when absent, null when not a date.</summary>
    private static LocalDate? Before(string? before, IClock clock) =>
        string.IsNullOrEmpty(before) ? clock.GetCurrentInstant().InZone(BeijingTime.Zone).Date
        : LocalDatePattern.Iso.Parse(before) is { Success: true } parsed ? parsed.Value
        : null;

    private static async Task<IResult> ProposeAsync(DisposalBody? body, Disposals disposals, ClaimsPrincipal user, CancellationToken ct)
    {
        var items = body?.Items?.Select(i => new DisposalItem(i?.Project ?? string.Empty, i?.Version ?? 0, i?.Path ?? string.Empty)).ToList();
        var disposal = await disposals.ProposeAsync(Actor(user), body?.Projects, items, body?.Reason, ct);
        return TypedResults.Created($"/api/v1/disposals/{disposal.Id}", RetentionViews.Disposal(disposal));
    }

    private static async Task<IResult> GetAsync(Guid id, DisposalStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } disposal
            ? TypedResults.Ok(RetentionViews.Disposal(disposal))
            : ApiProblem.NotFound("disposal.not-found", "没有该销毁鉴定。");

    private static async Task<IResult> DecideAsync(Guid id, DecisionBody? body, Disposals disposals, ClaimsPrincipal user, CancellationToken ct)
    {
        LocalDate? until = null;
        if (!string.IsNullOrEmpty(body?.ExtendUntil))
        {
            if (LocalDatePattern.Iso.Parse(body.ExtendUntil) is not { Success: true } parsed)
            {
                return ApiProblem.BadRequest("appraisal.extend-until", "extendUntil 应为日期 yyyy-MM-dd。", "extendUntil");
            }

            until = parsed.Value;
        }

        var disposal = await disposals.DecideAsync(Actor(user), id, body?.Decision, body?.Comment, until, ct);
        return TypedResults.Ok(RetentionViews.Disposal(disposal));
    }

    private static async Task<IResult> RegisterAsync(Guid id, DisposalStore store, IngestStores stores, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { RegisterKey: { } key })
        {
            return ApiProblem.NotFound("disposal.register-missing", "该销毁鉴定尚无销毁清册（尚未决定销毁或尚未执行）。");
        }

        var stream = await stores.Online.GetAsync(key, null, ct);
        return TypedResults.Stream(stream, "application/pdf", $"disposal-{id:N}.pdf");
    }
}
