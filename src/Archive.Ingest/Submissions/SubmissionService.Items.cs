using System.Globalization;
using System.Text.RegularExpressions;
using Archive.Core.Errors;
using Archive.Storage;
using Archive.Core.Streams;

namespace Archive.Ingest.Submissions;

/// <summary>Item upload: streamed into staging, hashed in the same pass, checked, then recorded.</summary>
public sealed partial class SubmissionService
{
    /// <summary>
    /// Streams one item into the submission's staging area. The bytes are hashed (SHA-256, SM3) as they arrive;
    /// a declared SHA-256 that does not match, or a declared media type the bytes contradict, discards them.
    /// </summary>
    /// <exception cref="IngestException">Bad path, role, type, digest, size or recording metadata, or the submission is not open.</exception>
    public async Task<SubmissionItem> PutItemAsync(
        IngestCaller caller, Guid id, string? rawPath, string? role, string? contentType, string? declaredSha256,
        long? contentLength, Stream body, CancellationToken ct, RecordingInput? recordingInput = null)
    {
        var submission = await GetAsync(caller, id, ct);
        if (submission.Status != SubmissionStatus.Open)
        {
            throw NotOpen(submission);
        }

        var path = ItemPath.Normalize(rawPath);
        var request = ValidateItemRequest(submission, role, contentType, declaredSha256, contentLength);
        var recording = RecordingFor(submission, role!, recordingInput);
        var existing = await store.ItemsAsync(id, ct);
        // Early, so colliding bytes are not streamed for nothing; checked again under the row lock before recording.
        ThrowOnCollision(existing, path);

        if (existing.Count >= options.MaxItemsPerSubmission && existing.All(i => i.Path != path))
        {
            throw new IngestException(ErrorKind.TooLarge, "submission.too-many-items", $"每个提交最多 {options.MaxItemsPerSubmission} 个条目。");
        }

        var stagingKey = $"staging/{id:N}/{Guid.NewGuid():N}";
        var head = new HeadCapturingStream(new SizeLimitedStream(body, options.MaxItemBytes, leaveOpen: true), MediaTypes.SniffLength);
        StoredObject stored;
        try
        {
            stored = await stores.Online.PutAsync(stagingKey, head,
                new PutOptions { ContentType = request.MediaType, ExpectedSha256 = request.Sha256, Length = contentLength }, ct);
        }
        catch (DigestMismatchException)
        {
            throw new IngestException(ErrorKind.Unprocessable, "item.digest-mismatch", "收到内容的 SHA-256 与 X-Content-SHA256 不符，内容已丢弃。", "X-Content-SHA256");
        }
        catch (SizeLimitExceededException)
        {
            throw TooLarge();
        }
        catch (Exception e) when (e is IOException or StoreUnavailableException)
        {
            // Sealed or expired while the bytes streamed: its staging was cleared under us (the store reports that as
            // unavailable), and the answer is "not open".
            if (await store.FindAsync(id, CancellationToken.None) is { Status: not SubmissionStatus.Open } closed)
            {
                throw NotOpen(closed);
            }

            throw;
        }

        if (!MediaTypes.Matches(request.MediaType, head.Head))
        {
            await stores.Online.DeleteAsync(stagingKey, ct);
            throw new IngestException(ErrorKind.Unprocessable, "item.media-type",
                $"内容与声明的媒体类型 {request.MediaType} 不符（文件头特征不匹配），内容已丢弃。", "Content-Type");
        }

        var item = new SubmissionItem(path, role!, request.MediaType, stored.Size, stored.Digests.Sha256Hex, stored.Digests.Sm3Hex,
            clock.GetCurrentInstant(), stagingKey) { Recording = recording };
        await RecordItemAsync(id, item, ct);
        return item;
    }

    private async Task RecordItemAsync(Guid id, SubmissionItem item, CancellationToken ct)
    {
        string? replaced;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var current = await SubmissionStore.FindAsync(conn, tx, id, forUpdate: true, ct);
            if (current!.Status != SubmissionStatus.Open)
            {
                // Sealed while the bytes streamed: they never become part of it.
                await stores.Online.DeleteAsync(item.StagingKey, ct);
                throw NotOpen(current);
            }

            try
            {
                // Under the row lock: two uploads racing with colliding paths cannot both be recorded.
                ThrowOnCollision(await SubmissionStore.ItemsAsync(conn, tx, id, ct), item.Path);
            }
            catch (IngestException)
            {
                await stores.Online.DeleteAsync(item.StagingKey, ct);
                throw;
            }

            replaced = await SubmissionStore.UpsertItemAsync(conn, tx, id, item, ct);
            await tx.CommitAsync(ct);
        }

        if (replaced is not null)
        {
            await stores.Online.DeleteAsync(replaced, ct);
        }
    }

    private static void ThrowOnCollision(IReadOnlyList<SubmissionItem> existing, string path)
    {
        if (existing.FirstOrDefault(i => i.Path != path && ItemPath.Collide(i.Path, path)) is { } clash)
        {
            throw new IngestException(ErrorKind.Conflict, "item.path-collision",
                $"条目路径与已有条目“{clash.Path}”冲突（大小写不同或互为目录）。", "path");
        }
    }

    private (string MediaType, byte[]? Sha256) ValidateItemRequest(
        Submission submission, string? role, string? contentType, string? declaredSha256, long? contentLength)
    {
        if (string.IsNullOrEmpty(role) || !RoleSyntax().IsMatch(role))
        {
            throw new IngestException(ErrorKind.Invalid, "item.role", "X-Item-Role 为必填项，应为归档清单中的材料类型（小写字母、数字与连字符）。", "X-Item-Role");
        }

        var category = SubmissionMetadataJson.Read(submission.Metadata).Metadata.Category;
        var policy = policies.Get(category!);
        if (policy.FindItem(role) is null && !policy.KnownRoles.Contains(role, StringComparer.Ordinal))
        {
            throw new IngestException(ErrorKind.Invalid, "item.role-unknown",
                $"未知的材料类型“{role}”：{policy.Title}的归档清单中没有此类型。", "X-Item-Role");
        }

        var mediaType = MediaTypes.Normalize(contentType)
            ?? throw new IngestException(ErrorKind.Invalid, "item.content-type", "Content-Type 为必填项，应为有效的媒体类型（如 application/pdf）。", "Content-Type");
        byte[]? sha256 = null;
        if (declaredSha256 is not null)
        {
            if (!Sha256Syntax().IsMatch(declaredSha256))
            {
                throw new IngestException(ErrorKind.Invalid, "item.sha256-format", "X-Content-SHA256 应为 64 位十六进制 SHA-256。", "X-Content-SHA256");
            }

            sha256 = Convert.FromHexString(declaredSha256);
        }

        if (contentLength > options.MaxItemBytes)
        {
            throw TooLarge();
        }

        return (mediaType, sha256);
    }

    private IngestException TooLarge() => new(ErrorKind.TooLarge, "item.too-large",
        string.Create(CultureInfo.InvariantCulture, $"条目超过大小上限 {options.MaxItemBytes} 字节。"), "body");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex RoleSyntax();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Syntax();
}
