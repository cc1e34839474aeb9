using System.Security.Claims;
using Archive.Api.Auth;
using Archive.Ingest.Sealing;

namespace Archive.Api.Submissions;

/// <summary>
/// Endpoints under <c>/api/v1/seals</c> (archivists): seals that were accepted but need an operator, and the way out
/// of them — retry, or abandon (staged bytes held until released). Every decision is a ledger entry.
/// </summary>
public static class ParkedSealsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapParkedSealsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/seals").WithTags("seals").RequireAuthorization(Policies.Archivist);
        group.MapGet("/parked", ListAsync).WithSummary("待处理的封存：已受理但无法自动完成、等待档案管理员处理的提交。");
        group.MapPost("/{id:guid}/retry", RetryAsync).WithSummary("重试待处理的封存（记入账本）。");
        group.MapPost("/{id:guid}/abandon", AbandonAsync)
            .WithSummary("放弃待处理的封存：提交转为 rejected，版本号释放，暂存内容保留至档案管理员释放（记入账本）。请求体 {\"reason\"}。");
        group.MapPost("/{id:guid}/release-staging", ReleaseStagingAsync).WithSummary("释放已放弃封存所保留的暂存内容，由清理任务删除（记入账本）。");
        return group;
    }

    /// <summary>A parked seal as listed.</summary>
    public sealed record ParkedSealView(
        Guid SubmissionId, string ProjectCode, string Platform, int? Version, string? SealRequestedAt, IReadOnlyList<Archive.Core.Errors.ArchiveProblem> Problems)
    {
        internal static ParkedSealView Of(ParkedSeal s) =>
            new(s.SubmissionId, s.ProjectCode, s.Platform, s.Version, s.SealRequestedAt?.ToString(), s.Problems);
    }

    /// <summary>The body of an abandonment.</summary>
    public sealed record AbandonInput(string? Reason);

    /// <summary>The answer to a decision: the ledger entry that records it.</summary>
    public sealed record SealDecisionView(Guid SubmissionId, string Decision, long LedgerIndex);

    private static async Task<IResult> ListAsync(ParkedSeals parked, CancellationToken ct) =>
        TypedResults.Ok((await parked.ListAsync(ct)).Select(ParkedSealView.Of));

    private static async Task<IResult> RetryAsync(Guid id, ParkedSeals parked, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new SealDecisionView(id, "retry", await parked.RetryAsync(id, user.PrincipalId(), ct)));

    private static async Task<IResult> AbandonAsync(Guid id, AbandonInput? body, ParkedSeals parked, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new SealDecisionView(id, "abandon", await parked.AbandonAsync(id, user.PrincipalId(), body?.Reason, ct)));

    private static async Task<IResult> ReleaseStagingAsync(Guid id, ParkedSeals parked, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new SealDecisionView(id, "release-staging", await parked.ReleaseStagingAsync(id, user.PrincipalId(), ct)));
}
