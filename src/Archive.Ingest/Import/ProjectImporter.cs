using System.Globalization;
using Archive.Core.Errors;
using Archive.Core.Streams;
using Archive.Ingest.Metadata;
using Archive.Ingest.Submissions;
using Archive.Storage;
using Npgsql;

namespace Archive.Ingest.Import;

/// <summary>
/// Imports one project folder through <see cref="SubmissionService"/>, the code path of the HTTP API:
/// create (or resume an interrupted submission), upload what the archive does not hold yet, seal, and wait
/// until the sealing job has archived the version. Re-runs are safe: identical archived content is skipped,
/// changed content becomes a supplement (the next version).
/// </summary>
/// <param name="submissions">The submission code path.</param>
/// <param name="callers">The ingest principal to act as, per platform (the host's).</param>
/// <param name="states">What the archive holds per project.</param>
/// <param name="options">The run's settings.</param>
public sealed class ProjectImporter(SubmissionService submissions, IImportCallers callers, ArchivedStateReader states, ImportOptions options)
{
    /// <summary>Imports <paramref name="directory"/>; never throws for a problem of the project itself (it is reported in the result).</summary>
    /// <param name="directory">One project folder.</param>
    /// <param name="progress">Receives the stage and bytes sent, for a progress display.</param>
    /// <param name="ct">Cancels the import.</param>
    /// <returns>How the import of the folder ended.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<ProjectImportResult> ImportAsync(string directory, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        string? code = null;
        try
        {
            progress?.Report(new("读取", 0, 0));
            var folder = await ProjectFolder.ReadAsync(directory, ct);
            code = folder.Code;
            if (!ProjectCode.TryParse(code, out var parsed, out var error))
            {
                return ProjectImportResult.Failure(name, code, $"项目编号无效：{error!.Message}");
            }

            code = parsed!.Normalized;
            var caller = await callers.ForProjectAsync(folder.Platform, parsed, ct);
            return await ImportAsync(name, folder, parsed.Normalized, caller, progress, ct);
        }
        catch (ProjectFolderException e)
        {
            return ProjectImportResult.Failure(name, code, e.Message);
        }
        catch (IngestException e)
        {
            return ProjectImportResult.Failure(name, code, Describe(e), e.Problems);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException or InvalidOperationException or StoreUnavailableException)
        {
            return ProjectImportResult.Failure(name, code, $"导入出错：{e.Message}");
        }
    }

    private async Task<ProjectImportResult> ImportAsync(
        string name, ProjectFolder folder, string code, IngestCaller caller, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var items = folder.Items.Select(i => i with { Path = ItemPath.Normalize(i.Path) }).ToList();
        Submission? finished = null;

        // At most a few rounds: a submission left 'sealing' by an interrupted run is awaited first, then the folder is compared again.
        for (var round = 0; round < 3; round++)
        {
            var state = await states.ReadAsync(code, ct);
            if (state.PendingSubmission is { } pendingId)
            {
                if (state.PendingPlatform != caller.Platform)
                {
                    return ProjectImportResult.Failure(name, code, $"该项目有其他交易平台（{state.PendingPlatform}）未完成的提交，本平台无权操作。");
                }

                if (state.PendingStatus == SubmissionStatus.Sealing)
                {
                    progress?.Report(new("等待上次封存", 0, 0));
                    finished = await WaitArchivedAsync(caller, pendingId, ct);
                    if (finished.Status != SubmissionStatus.Archived)
                    {
                        return Unarchived(name, code, finished);
                    }

                    continue;
                }

                // An open submission of an interrupted run: bring its metadata and items up to the folder, then seal it.
                await submissions.ReplaceMetadataAsync(caller, pendingId, folder.Metadata, ct);
                var received = (await submissions.ItemsAsync(caller, pendingId, ct)).ToDictionary(i => i.Path, StringComparer.Ordinal);
                var missing = items.Where(i => !(received.TryGetValue(i.Path, out var r) && r.Sha256 == i.Sha256 && r.Role == i.Role && r.MediaType == i.MediaType));
                return await SendAndSealAsync(name, code, caller, pendingId, missing.Where(i => !Unchanged(state, i)).ToList(), progress, ct);
            }

            var changed = items.Where(i => !Unchanged(state, i)).ToList();
            if (changed.Count == 0)
            {
                return finished is { Version: { } v }
                    ? Sealed(name, code, finished, v)
                    : new(name, code, ImportOutcome.Skipped, state.LatestVersion, null,
                        string.Create(CultureInfo.InvariantCulture, $"内容与已归档的第 {state.LatestVersion} 版相同"), []);
            }

            Submission created;
            try
            {
                created = await submissions.CreateAsync(caller, folder.Metadata, ct);
            }
            catch (IngestException e) when (e.Code == "submission.in-progress")
            {
                // Another importer (or the trading system itself) opened one meanwhile: look again.
                continue;
            }

            return await SendAndSealAsync(name, code, caller, created.Id, changed, progress, ct);
        }

        return ProjectImportResult.Failure(name, code, "项目状态在导入期间反复变化（可能有另一个导入同时运行），请稍后重试。");
    }

    private static bool Unchanged(ArchivedState state, ProjectFolderItem item) =>
        state.LatestItems.TryGetValue(item.Path, out var archived) && archived.Sha256 == item.Sha256 && archived.Role == item.Role;

    private async Task<ProjectImportResult> SendAndSealAsync(
        string name, string code, IngestCaller caller, Guid id, IReadOnlyList<ProjectFolderItem> toSend, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var total = toSend.Sum(i => i.Size);
        long done = 0;
        foreach (var item in toSend)
        {
            var before = done;
            await using var file = new FileStream(item.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using var counting = new ProgressReadStream(file, n => progress?.Report(new("上传", before + n, total)), leaveOpen: true);
            await submissions.PutItemAsync(caller, id, item.Path, item.Role, item.MediaType, item.Sha256, item.Size, counting, ct, item.Recording);
            done += item.Size;
        }

        progress?.Report(new("封存检查", total, total));
        try
        {
            await submissions.RequestSealAsync(caller, id, ct);
        }
        catch (IngestException e) when (e.Kind == ErrorKind.Unprocessable)
        {
            return ProjectImportResult.Failure(name, code, Describe(e), e.Problems);
        }

        progress?.Report(new("封存中", total, total));
        var final = await WaitArchivedAsync(caller, id, ct);
        return final is { Status: SubmissionStatus.Archived, Version: { } version } ? Sealed(name, code, final, version) : Unarchived(name, code, final);
    }

    private async Task<Submission> WaitArchivedAsync(IngestCaller caller, Guid id, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.SealTimeout);
        try
        {
            while (true)
            {
                var submission = await submissions.GetAsync(caller, id, timeout.Token);
                if (submission.Status is SubmissionStatus.Archived or SubmissionStatus.Rejected)
                {
                    return submission;
                }

                await Task.Delay(options.PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return await submissions.GetAsync(caller, id, ct);
        }
    }

    private static ProjectImportResult Sealed(string name, string code, Submission s, int version) => new(
        name, code, version == 1 ? ImportOutcome.Imported : ImportOutcome.Supplemented, version, s.ManifestSha256,
        version == 1 ? "已归档为第 1 版" : string.Create(CultureInfo.InvariantCulture, $"已补充归档为第 {version} 版"), []);

    private ProjectImportResult Unarchived(string name, string code, Submission s) => ProjectImportResult.Failure(name, code,
        s.Status == SubmissionStatus.Rejected
            ? "封存失败，提交已被退回。"
            : string.Create(CultureInfo.InvariantCulture, $"等待封存超时（{options.SealTimeout.TotalSeconds:0} 秒），提交 {s.Id} 仍为 {s.Status}；请确认后台任务在运行后重新导入。"),
        s.Problems);

    private static string Describe(IngestException e) => e.Field is null ? e.Message : $"{e.Message}（{e.Field}）";
}
