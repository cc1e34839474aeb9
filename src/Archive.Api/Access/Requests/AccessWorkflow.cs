using Archive.Api.Principals;
using Archive.Core.Errors;
using Archive.Ingest.Reading;
using Archive.Ingest.Reporting;
using Archive.Integrity.Ledger;
using NodaTime;

namespace Archive.Api.Access.Requests;

/// <summary>
/// The access workflow of seed §5.6.5 (合法手续 + 内部审批 + 查询/复制记录): an auditor files a request and uploads its
/// legal document (<c>access.requested</c>); approvers decide, on one or two levels (<c>access.decided</c>); an approval
/// gives a grant for the request's days; approvers and admins revoke grants (<c>access.revoked</c>). Every change
/// commits together with its ledger entry, or not at all.
/// </summary>
public sealed partial class AccessWorkflow(
    AccessRequestStore store, LegalDocumentStore documents, ProjectCatalog catalog, ILedger ledger, IClock clock, AccessSettings settings)
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;

    /// <summary>Files a request (status pending; it can be decided once its document is uploaded).</summary>
    /// <param name="caller">An auditor with an organisation.</param>
    /// <param name="input">The checked request.</param>
    /// <param name="ct">Cancels the work; nothing is stored then.</param>
    /// <exception cref="AccessWorkflowException">The caller may not file requests, or a project is not in the catalogue.</exception>
    public async Task<AccessRequest> CreateAsync(AccessCaller caller, AccessRequestInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (caller.Role != Roles.Auditor || string.IsNullOrEmpty(caller.Organization))
        {
            throw new AccessWorkflowException(ErrorKind.Forbidden, "access.requester-role", "只有注明所属单位的监督/审计主体可以提出查阅/复制申请。");
        }

        var unknown = new List<ArchiveProblem>();
        var unknownCodes = new List<string>();
        for (var i = 0; i < input.Projects.Count; i++)
        {
            if (!await catalog.ExistsAsync(input.Projects[i], ct))
            {
                unknownCodes.Add(input.Projects[i]);
                unknown.Add(new ArchiveProblem("access.project-unknown",
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"projects[{i}]"), $"档案目录中没有项目“{input.Projects[i]}”。"));
            }
        }

        if (unknown.Count > 0)
        {
            throw new AccessWorkflowException(ErrorKind.Invalid, "access.project-unknown",
                $"档案目录中没有以下项目：{string.Join("、", unknownCodes)}。",
                unknown[0].Field, unknown);
        }

        var now = clock.GetCurrentInstant();
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var number = await AccessRequestStore.NextApprovalNumberAsync(conn, tx, now.InZone(Shanghai).Year, ct);
        var request = new AccessRequest(
            Guid.CreateVersion7(), number, caller.Id, caller.Name, caller.Organization, input.Projects, input.Scope, input.Purpose, input.Basis,
            input.Days, input.IncludePersonalData, settings.TwoLevelScopes.Contains(input.Scope) ? 2 : 1, AccessRequestStatus.Pending, now, null, null);
        await AccessRequestStore.InsertAsync(conn, tx, request, ct);
        await tx.CommitAsync(ct);
        return request;
    }

    /// <summary>
    /// Stores the request's scanned legal document and lodges the request: <c>access.requested</c> with the document's
    /// digest is appended in the same transaction that records the document.
    /// </summary>
    /// <param name="caller">The requester.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="body">The document bytes.</param>
    /// <param name="expectedSha256">The digest the client declared, if any.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <returns>The request, lodged.</returns>
    /// <exception cref="AccessWorkflowException">Not the requester's, already has a document, decided, or a bad document.</exception>
    public async Task<AccessRequest> AttachDocumentAsync(AccessCaller caller, Guid requestId, Stream body, string? expectedSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var request = await store.GetAsync(requestId, ct);
        if (request is null || !MaySee(caller, request))
        {
            throw AccessWorkflowException.RequestNotFound();
        }

        CheckAttachable(caller, request);
        var document = await documents.PutAsync(requestId, body, expectedSha256, ct);
        try
        {
            await using var conn = await store.DataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var locked = await store.LockAsync(conn, tx, requestId, ct) ?? throw AccessWorkflowException.RequestNotFound();
            CheckAttachable(caller, locked);
            var entry = await ledger.AppendInTransactionAsync(conn, tx, AccessEntries.Requested, AccessEntries.RequestedFields(locked, document), null, ct);
            await AccessRequestStore.AttachDocumentAsync(conn, tx, requestId, document, entry.Index, ct);
            await tx.CommitAsync(ct);
            return locked with { Document = document, RequestedEntry = entry.Index };
        }
        catch (AccessWorkflowException) when (request.Document is null)
        {
            // Another upload won the race: its document may have the same key, which must then stay.
            if ((await store.GetAsync(requestId, CancellationToken.None))?.Document?.Key != document.Key)
            {
                await documents.DiscardAsync(document);
            }

            throw;
        }
    }

    /// <summary>Whether <paramref name="caller"/> may see <paramref name="request"/>: approvers and archivists all, auditors their organisation's.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="request">The request.</param>
    public static bool MaySee(AccessCaller caller, AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return caller.Role switch
        {
            Roles.Approver or Roles.Archivist => true,
            Roles.Auditor => caller.Id == request.RequesterId || Organizations.Same(caller.Organization, request.Organization),
            _ => false,
        };
    }

    private static void CheckAttachable(AccessCaller caller, AccessRequest request)
    {
        if (caller.Id != request.RequesterId)
        {
            throw new AccessWorkflowException(ErrorKind.Forbidden, "access.not-requester", "只有申请人本人可以上传该申请的法律文书。");
        }

        if (request.Document is not null)
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.document-exists", "该申请已上传法律文书，不能替换；如有错误，请重新提出申请。");
        }

        if (request.StoredStatus != AccessRequestStatus.Pending)
        {
            throw new AccessWorkflowException(ErrorKind.Conflict, "access.already-decided", "该申请已审批完毕，不能再上传法律文书。");
        }
    }
}
