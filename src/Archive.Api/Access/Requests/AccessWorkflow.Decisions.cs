using Archive.Api.Principals;
using Archive.Core.Errors;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;

namespace Archive.Api.Access.Requests;

public sealed partial class AccessWorkflow
{
    /// <summary>The longest comment or revocation reason, in characters.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>
    /// Decides a lodged request at its next level. The final approval creates the grant, valid from now for the
    /// request's days; a rejection at any level ends the request.
    /// </summary>
    /// <param name="caller">An approver who did not file the request (nor, if configured, belongs to its organisation).</param>
    /// <param name="requestId">The request.</param>
    /// <param name="approve">Approve or reject.</param>
    /// <param name="comment">The approver's comment; required to reject.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The request after the decision.</returns>
    /// <exception cref="AccessWorkflowException">Not allowed, already decided, without document, or the same approver twice.</exception>
    public async Task<AccessRequest> DecideAsync(AccessCaller caller, Guid requestId, bool approve, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            throw new AccessWorkflowException(ErrorKind.Invalid, "access.comment-length", $"审批意见最长 {MaxCommentLength} 个字符。", "comment");
        }

        if (!approve && comment is null)
        {
            throw new AccessWorkflowException(ErrorKind.Invalid, "access.comment-required", "不予批准时须填写审批意见（理由）。", "comment");
        }

        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var request = await store.LockAsync(conn, tx, requestId, ct) ?? throw AccessWorkflowException.RequestNotFound();
        if (request.RequesterId == caller.Id)
        {
            throw new AccessWorkflowException(ErrorKind.Forbidden, "access.self-decision", "不能审批自己提出的申请。");
        }

        if (caller.Role != Roles.Approver)
        {
            throw new AccessWorkflowException(ErrorKind.Forbidden, "access.approver-role", "只有审批人可以审批访问申请。");
        }

        if (settings.ForbidSameOrganization && Organizations.Same(caller.Organization, request.Organization))
        {
            throw new AccessWorkflowException(ErrorKind.Forbidden, "access.same-organization", "按本系统配置，审批人不能审批本单位人员提出的申请。");
        }

        if (request.StoredStatus != AccessRequestStatus.Pending)
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.already-decided",
                $"该申请已审批完毕（{AccessRequestStatus.Label(request.StatusAt(clock.GetCurrentInstant()))}），不能再次审批。");
        }

        if (request.Document is null || request.RequestedEntry is null)
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.document-missing", "该申请尚未上传法律文书扫描件，不能审批。");
        }

        var level = request.Decisions.Count + 1;
        if (request.Decisions.Any(d => d.ApproverId == caller.Id))
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.same-approver", "同一审批人不能审批同一申请的两级。");
        }

        var now = clock.GetCurrentInstant();
        var final = !approve || level == request.LevelsRequired;
        AccessGrant? grant = approve && final
            ? new AccessGrant(Guid.CreateVersion7(), request.Id, request.RequesterId, now, now + Duration.FromDays(request.Days), null, null, null, null)
            : null;
        var outcome = !approve ? AccessRequestStatus.Rejected : final ? AccessRequestStatus.Approved : "awaiting-next-level";
        var decision = new ApprovalDecision(level, caller.Id, caller.Name, caller.Organization, approve, comment, now, 0);
        var entry = await ledger.AppendInTransactionAsync(conn, tx, AccessEntries.Decided,
            AccessEntries.DecidedFields(request, decision, caller, outcome, grant), null, ct);
        decision = decision with { LedgerIndex = entry.Index };
        await AccessRequestStore.InsertDecisionAsync(conn, tx, request.Id, decision, ct);
        if (final)
        {
            await AccessRequestStore.SetStatusAsync(conn, tx, request.Id, approve ? AccessRequestStatus.Approved : AccessRequestStatus.Rejected, ct);
        }

        if (grant is not null)
        {
            await AccessRequestStore.InsertGrantAsync(conn, tx, grant, ct);
        }

        await tx.CommitAsync(ct);
        return await store.GetAsync(request.Id, CancellationToken.None) ?? throw AccessWorkflowException.RequestNotFound();
    }

    /// <summary>Revokes a grant at once (<c>access.revoked</c>); reads under it stop with the next request.</summary>
    /// <param name="caller">An approver or admin.</param>
    /// <param name="grantId">The grant.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The request after the revocation.</returns>
    /// <exception cref="AccessWorkflowException">No such grant, no reason, or the grant already revoked or ended.</exception>
    public async Task<AccessRequest> RevokeGrantAsync(AccessCaller caller, Guid grantId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxCommentLength)
        {
            throw new AccessWorkflowException(ErrorKind.Invalid, "access.reason-required", $"撤销授权须说明理由（最长 {MaxCommentLength} 个字符）。", "reason");
        }

        if (caller.Role is not (Roles.Approver or Roles.Admin))
        {
            throw new AccessWorkflowException(ErrorKind.Forbidden, "access.revoker-role", "只有审批人或管理员可以撤销授权。");
        }

        var requestId = await store.RequestOfGrantAsync(grantId, ct) ?? throw AccessWorkflowException.GrantNotFound();
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var request = await store.LockAsync(conn, tx, requestId, ct) ?? throw AccessWorkflowException.GrantNotFound();
        var grant = request.Grant!;
        var now = clock.GetCurrentInstant();
        if (grant.RevokedAt is not null)
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.grant-revoked", "该授权已被撤销。");
        }

        if (now >= grant.EndsAt)
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.grant-ended", "该授权已过期，无须撤销。");
        }

        await RevokeLockedAsync(conn, tx, ledger, request, grant, caller.Id, caller.Role, reason, now, ct);
        await tx.CommitAsync(ct);
        return await store.GetAsync(request.Id, CancellationToken.None) ?? throw AccessWorkflowException.RequestNotFound();
    }

    /// <summary>
    /// Revokes every unrevoked grant held by <paramref name="principalId"/> inside the caller's transaction
    /// (used when the principal's token is revoked), one <c>access.revoked</c> entry each.
    /// </summary>
    /// <param name="conn">The caller's connection.</param>
    /// <param name="tx">The caller's transaction, which also holds the ledger's sequencer lock.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="principalId">The principal whose grants end.</param>
    /// <param name="by">Who revoked the principal.</param>
    /// <param name="at">When.</param>
    /// <param name="ct">Cancels the statements.</param>
    /// <returns>How many grants were revoked.</returns>
    public static async Task<int> RevokeGrantsOfPrincipalAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, ILedger ledger, Guid principalId, Guid by, Instant at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var count = 0;
        foreach (var requestId in await AccessRequestStore.UnrevokedRequestsOfAsync(conn, tx, principalId, ct))
        {
            if (await AccessRequestStore.GetForRevocationAsync(conn, tx, requestId, ct) is { Grant: { RevokedAt: null } grant } request)
            {
                await RevokeLockedAsync(conn, tx, ledger, request, grant, by, Roles.Admin, "申请人的访问令牌已被吊销，授权随之撤销。", at, ct);
                count++;
            }
        }

        return count;
    }

    private static async Task RevokeLockedAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, ILedger ledger, AccessRequest request, AccessGrant grant, Guid by, string byRole, string reason,
        Instant now, CancellationToken ct)
    {
        var entry = await ledger.AppendInTransactionAsync(conn, tx, AccessEntries.Revoked, AccessEntries.RevokedFields(request, grant, by, byRole, reason), null, ct);
        if (!await AccessRequestStore.RevokeGrantAsync(conn, tx, grant.Id, now, by, reason, entry.Index, ct))
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.grant-revoked", "该授权已被撤销。");
        }

        await AccessRequestStore.SetStatusAsync(conn, tx, request.Id, AccessRequestStatus.Revoked, ct);
    }
}
