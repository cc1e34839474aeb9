using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Api.Principals;
using Archive.Core.Errors;
using Archive.Ingest.Handover;
using Archive.Ingest.Staging;
using Archive.Ingest.Submissions;
using NodaTime.Text;

namespace Archive.Api.Handover;

/// <summary>
/// Handover monitoring under <c>/api/v1/submissions</c> (issue 11 §1): a trading system's reminders (催交, its own platform
/// only); for archivists, the submissions waiting for a decision, seal with recorded gaps (缺件归档) and discard.
/// </summary>
public static class HandoverApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapHandoverApi(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/api/v1/submissions").WithTags("submissions").RequireAuthorization(Policies.Ingest);
        ingest.MapGet("/reminders", RemindersAsync).WithSummary("本交易平台收到的催交通知（项目超过归档期限仍缺必须归档材料），最新在前。");

        var archivist = app.MapGroup("/api/v1/submissions").WithTags("submissions").RequireAuthorization(Policies.Archivist);
        archivist.MapGet("/expired", ExpiredAsync)
            .WithSummary("待处置的暂存提交：超过暂存期限无活动、或被拒绝且尚未处理的提交；由档案管理员缺件归档或放弃，暂存内容不会被自动删除。");
        archivist.MapPost("/{id:guid}/seal-with-gaps", SealWithGapsAsync)
            .WithSummary("缺件归档（档案管理员）：请求体 {\"gaps\":[{\"role\",\"reason\"}]}，每个缺少的必须归档材料须有缺件说明；其余检查照常，问题一次性列出；记入账本。");
        archivist.MapPost("/{id:guid}/discard", DiscardAsync)
            .WithSummary("放弃待处置的提交（档案管理员）：请求体 {\"reason\"}；先将每个条目的路径、大小、SHA-256 与 SM3 记入账本（submission.discarded），再删除暂存内容。");
    }

    /// <summary>A reminder as shown to its platform.</summary>
    public sealed record ReminderView(long Id, string ProjectCode, string DueDate, string Message, IReadOnlyList<string> Missing, string SentAt, long LedgerIndex)
    {
        internal static ReminderView Of(Reminder r) =>
            new(r.Id, r.ProjectCode, LocalDatePattern.Iso.Format(r.DueDate), r.Message, r.MissingRoles, InstantPattern.ExtendedIso.Format(r.SentAt), r.LedgerIndex);
    }

    /// <summary>A submission waiting for a decision.</summary>
    public sealed record ExpiredView(Guid SubmissionId, string ProjectCode, string Platform, string Status, string CreatedAt, string LastActivityAt, int ItemCount, long TotalBytes)
    {
        internal static ExpiredView Of(ExpiredSubmission e) => new(e.SubmissionId, e.ProjectCode, e.Platform, e.Status,
            InstantPattern.ExtendedIso.Format(e.CreatedAt), InstantPattern.ExtendedIso.Format(e.LastActivityAt), e.ItemCount, e.TotalBytes);
    }

    /// <summary>The body of a seal with gaps.</summary>
    public sealed record GapsInput(IReadOnlyList<GapInput>? Gaps);

    /// <summary>The body of a discard.</summary>
    public sealed record DiscardInput(string? Reason);

    /// <summary>The answer to a seal with gaps: the submission (now sealing) and the <c>seal.gaps-recorded</c> entry.</summary>
    public sealed record GapSealView(Guid Id, string Status, string ProjectCode, long LedgerIndex);

    /// <summary>The answer to a discard: its ledger entry.</summary>
    public sealed record DiscardView(Guid SubmissionId, string Decision, long LedgerIndex);

    private static async Task<IResult> RemindersAsync(HandoverReports reports, ClaimsPrincipal user, CancellationToken ct)
    {
        var platform = user.FindFirstValue(ArchiveClaims.Organization)
            ?? throw new IngestException(ErrorKind.Forbidden, "submission.no-platform", "交易系统主体未登记所属平台，不能查看催交通知。");
        return TypedResults.Ok((await reports.RemindersAsync(platform, ct)).Select(ReminderView.Of));
    }

    private static async Task<IResult> ExpiredAsync(StagingDecisions decisions, CancellationToken ct) =>
        TypedResults.Ok((await decisions.ListExpiredAsync(ct)).Select(ExpiredView.Of));

    private static async Task<IResult> SealWithGapsAsync(Guid id, GapsInput? body, GapSeals seals, ClaimsPrincipal user, CancellationToken ct)
    {
        var (submission, index) = await seals.SealAsync(id, user.PrincipalId(), body?.Gaps, ct);
        return TypedResults.Accepted($"/api/v1/seals/{id}", new GapSealView(submission.Id, submission.Status, submission.ProjectCode, index));
    }

    private static async Task<IResult> DiscardAsync(Guid id, DiscardInput? body, StagingDecisions decisions, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new DiscardView(id, "discard", await decisions.DiscardAsync(id, user.PrincipalId(), body?.Reason, ct)));
}
