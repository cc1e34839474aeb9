using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.FourProperties;
using Archive.Ingest.Hosting;
using Archive.Ingest.Metadata;
using Archive.Ingest.Policies;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Submissions;

/// <summary>
/// The ingest workflow of CONTRACT §3 up to the seal request: open a submission, stream items into staging,
/// check everything at once, hand over to the sealing job. Only the submitting platform may touch a submission.
/// </summary>
public sealed partial class SubmissionService(
    NpgsqlDataSource dataSource,
    SubmissionStore store,
    IngestStores stores,
    PolicyCatalog policies,
    MetadataValidator validator,
    ISealingScheduler scheduler,
    IngestOptions options,
    IClock clock,
    SealTimeChecks contentChecks)
{
    /// <summary>Opens a submission (a supplement when the project is archived already).</summary>
    /// <exception cref="IngestException">
    /// The project code or category is unusable, the code lies outside the platform's bound regions and prefixes
    /// (<c>submission.code-not-owned</c>, 403), or the project is another platform's or in progress.
    /// </exception>
    public async Task<Submission> CreateAsync(IngestCaller caller, JsonObject body, CancellationToken ct)
    {
        var (metadata, _) = SubmissionMetadataJson.Read(body);
        if (!ProjectCode.TryParse(metadata.ProjectCode, out var code, out var error))
        {
            throw new IngestException(ErrorKind.Invalid, error!.Code, error.Message, "project.code");
        }

        if (!caller.Codes.Owns(code!))
        {
            throw new IngestException(ErrorKind.Forbidden, "submission.code-not-owned",
                $"项目编号“{code!.Normalized}”不在本交易平台登记的行政区划或编号前缀范围内，不能提交；如需调整，请联系系统管理员。", "project.code");
        }

        if (!policies.TryGet(metadata.Category, out _))
        {
            throw new IngestException(ErrorKind.Invalid, "category.unknown",
                $"未知的交易类别“{metadata.Category}”，可用：{string.Join("、", TradingCategories.All)}。", "project.category");
        }

        var submission = new Submission(Guid.CreateVersion7(), code!.Normalized, caller.Platform, caller.PrincipalId, SubmissionStatus.Open,
            body, clock.GetCurrentInstant(), null, null, null, null, []);
        await store.InsertAsync(submission, code.StorageSegment, metadata.ProjectName ?? string.Empty, metadata.Category!, metadata.Region, ct);
        return submission;
    }

    /// <summary>The submission, if the caller's platform owns it.</summary>
    /// <exception cref="IngestException">Not found, or another platform's (<c>submission.not-found</c>).</exception>
    public async Task<Submission> GetAsync(IngestCaller caller, Guid id, CancellationToken ct) =>
        Owned(caller, await store.FindAsync(id, ct));

    /// <summary>The items received so far.</summary>
    public async Task<IReadOnlyList<SubmissionItem>> ItemsAsync(IngestCaller caller, Guid id, CancellationToken ct)
    {
        await GetAsync(caller, id, ct);
        return await store.ItemsAsync(id, ct);
    }

    /// <summary>Replaces the metadata of an open submission (the project code and category may not change).</summary>
    public async Task<Submission> ReplaceMetadataAsync(IngestCaller caller, Guid id, JsonObject body, CancellationToken ct)
    {
        var submission = await GetAsync(caller, id, ct);
        var (metadata, _) = SubmissionMetadataJson.Read(body);
        if (!ProjectCode.TryParse(metadata.ProjectCode, out var code, out _) || code!.Normalized != submission.ProjectCode)
        {
            throw new IngestException(ErrorKind.Invalid, "submission.code-changed", "补正元数据时不得更改项目编号。", "project.code");
        }

        await store.UpdateMetadataAsync(id, body, ct);
        return submission with { Metadata = body };
    }

    /// <summary>
    /// Checks the submission against its category's checklist and the metadata rules, all at once; when everything
    /// passes it moves to <c>sealing</c> and the sealing job is scheduled.
    /// </summary>
    /// <exception cref="IngestException">Not open (<c>submission.not-open</c>), or problems (<c>submission.incomplete</c>, 422, every problem listed).</exception>
    public async Task<Submission> RequestSealAsync(IngestCaller caller, Guid id, CancellationToken ct)
    {
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var submission = Owned(caller, await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct));
            if (submission.Status != SubmissionStatus.Open)
            {
                throw NotOpen(submission);
            }

            var (problems, content) = await CheckForSealAsync(conn, tx, submission, ct);
            await Reading.OutstandingItems.RecordSealAttemptAsync(conn, tx, submission.ProjectCode, id, problems, clock.GetCurrentInstant(), ct);
            if (problems.Count > 0)
            {
                await SubmissionStore.SaveProblemsAsync(conn, tx, id, problems, ct);
                await tx.CommitAsync(ct);
                throw new IngestException(ErrorKind.Unprocessable, "submission.incomplete",
                    $"提交未通过封存前检查，共 {problems.Count} 个问题，详见 problems。", problems: problems);
            }

            await SealCheckRecords.SaveAsync(conn, tx, id, content.Record, clock.GetCurrentInstant(), ct);
            await SubmissionStore.MarkSealingAsync(conn, tx, id, clock.GetCurrentInstant(), ct);
            await tx.CommitAsync(ct);
        }

        // After the commit: a crash here leaves a 'sealing' submission that the recovery job schedules again.
        scheduler.ScheduleSealing(id);
        return (await store.FindAsync(id, ct))!;
    }

    internal static Submission Owned(IngestCaller caller, Submission? submission) => submission switch
    {
        null => throw new IngestException(ErrorKind.NotFound, "submission.not-found", "提交不存在。"),
        _ when submission.Platform != caller.Platform =>
            throw new IngestException(ErrorKind.Forbidden, "submission.other-platform", "该提交属于其他交易平台，本平台无权操作。"),
        _ => submission,
    };

    internal static IngestException NotOpen(Submission submission) =>
        new(ErrorKind.Conflict, "submission.not-open", $"提交当前状态为 {submission.Status}，不能再修改或重复封存。");
}
