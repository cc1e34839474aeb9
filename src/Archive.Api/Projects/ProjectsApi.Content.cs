using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Archive.Api.Access;
using Archive.Api.Access.Delivery;
using Archive.Api.Problems;
using Archive.Ingest.Sealing;
using Archive.Integrity.Custody;
using Archive.Ingest.Reading;
using Archive.Ingest.Retention;
using Archive.Ingest.Submissions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Archive.Api.Projects;

public static partial class ProjectsApi
{
    private static async Task<Results<DeliveredContent, ProblemHttpResult>> ManifestAsync(
        string code, int n, IContentAccess access, ProjectCatalog catalog, ClaimsPrincipal user, CancellationToken ct)
    {
        code = CodeOf(code);
        var decision = await access.AuthorizeAsync(user, code, ContentScope.Read, ct);
        if (!decision.IsAllowed)
        {
            return Problem(decision.ToProblem());
        }

        if (await FindVersionAsync(catalog, code, n, ct) is not { } version)
        {
            return Problem(await VersionNotFoundAsync(catalog, code, ct));
        }

        var bytes = await catalog.ManifestBytesAsync(version, ct);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != version.ManifestSha256)
        {
            return Problem(ApiProblem.Of(StatusCodes.Status500InternalServerError, "integrity.manifest-digest",
                "存储的清单字节与其登记的摘要不符，已拒绝输出，请通知管理员核查。"));
        }

        return DeliveredContent.Release(
            decision,
            new ContentRelease(ContentRelease.Read, version.ProjectCode, version.Version, "manifest", null, null, version.ManifestSha256, bytes.LongLength),
            new ContentResponse(StatusCodes.Status200OK, "application/json", bytes.LongLength) { ETag = ETagOf(version.ManifestSha256) },
            (body, c) => body.WriteAsync(bytes, c).AsTask());
    }

    private static async Task<Results<DeliveredContent, ProblemHttpResult>> ItemAsync(
        string code, string? path, string? version, HttpContext context, IContentAccess access, ProjectCatalog catalog, VerifiedReader reader,
        GrantedDelivery delivery, DisposalStore disposals, ClaimsPrincipal user, CancellationToken ct)
    {
        code = CodeOf(code);
        var decision = await access.AuthorizeAsync(user, code, ContentScope.Read, ct);
        if (!decision.IsAllowed)
        {
            return Problem(decision.ToProblem());
        }

        // The route keeps %2F encoded; inside an item path it can only mean a separator (paths never hold '%').
        var itemPath = ItemPath.Normalize(path?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
        int? number = null;
        if (!string.IsNullOrEmpty(version))
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                return Problem(ApiProblem.BadRequest("version.invalid", "version 应为正整数。", "version"));
            }

            number = v;
        }

        if (await catalog.FindVersionAsync(code, number, ct) is not { } sealedVersion)
        {
            return Problem(await VersionNotFoundAsync(catalog, code, ct));
        }

        if (await catalog.FindItemAsync(sealedVersion, itemPath, ct) is not { } item)
        {
            return Problem(ApiProblem.NotFound("item.not-found", $"第 {sealedVersion.Version} 版中没有该条目。"));
        }

        await RefuseDisposedAsync(disposals, sealedVersion, ct);
        if (await disposals.ItemTombstoneOfAsync(sealedVersion.ProjectCode, sealedVersion.Version, item.Path, ct) is { } itemTombstone)
        {
            throw new ContentDisposedException(sealedVersion.ProjectCode, sealedVersion.Version, item.Path, itemTombstone);
        }

        // Auditors get PDFs watermarked and records masked (Access/Delivery/GrantedDelivery), recorded with both digests.
        if (GrantedDelivery.Transforms(decision, item))
        {
            return await delivery.ReleaseAsync(decision, sealedVersion, item, ct);
        }

        var etag = ETagOf(item.Sha256);
        var request = context.Request;
        // If-Range with another validator means the client's partial copy is stale: send everything (RFC 9110 §13.1.5).
        var range = request.Headers.IfRange is { Count: > 0 } ifRange && ifRange.ToString() != etag
            ? RangeRequest.Whole
            : RangeRequest.Resolve(request.Headers.Range, item.Size);
        if (range.Kind == RangeKind.Unsatisfiable)
        {
            context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{item.Size}");
            context.Response.Headers.AcceptRanges = "bytes";
            return Problem(ApiProblem.Of(StatusCodes.Status416RangeNotSatisfiable, "range.not-satisfiable",
                $"请求的字节范围超出条目大小（{item.Size} 字节）。", "Range"));
        }

        var partial = range.Kind == RangeKind.Partial;
        // Verified while it streams, from whichever copy verifies (CONTRACT §8); never the corrupted bytes.
        var readable = new ReadableObject(sealedVersion.ProjectCode, sealedVersion.Version, item.Path, item.Size, item.Sha256, null, item.ObjectKey,
            ArchiveKeys.BagPayload(sealedVersion.StorageSegment, sealedVersion.Version, item.Path));
        return DeliveredContent.Release(
            decision,
            new ContentRelease(ContentRelease.Read, sealedVersion.ProjectCode, sealedVersion.Version, "item", item.Path,
                partial ? range.HeaderValue : null, item.Sha256, item.Size),
            new ContentResponse(partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK, item.MediaType, partial ? range.Length : item.Size)
            {
                ETag = etag,
                ContentRange = partial ? range.ContentRange(item.Size) : null,
                AcceptRanges = true,
            },
            (body, c) => reader.WriteAsync(readable, partial ? range.Offset : 0, partial ? range.Length : item.Size, body, c));
    }

    private static async Task<Results<DeliveredContent, ProblemHttpResult>> BagAsync(
        string code, int n, IContentAccess access, ProjectCatalog catalog, BagZip bags, DisposalStore disposals, ClaimsPrincipal user, CancellationToken ct)
    {
        code = CodeOf(code);
        var decision = await access.AuthorizeAsync(user, code, ContentScope.Copy, ct);
        if (!decision.IsAllowed)
        {
            return Problem(decision.ToProblem());
        }

        if (await FindVersionAsync(catalog, code, n, ct) is not { } version)
        {
            return Problem(await VersionNotFoundAsync(catalog, code, ct));
        }

        await RefuseDisposedAsync(disposals, version, ct);
        // The bag of a version with an item disposed on its own lacks that payload file: it would not be a valid bag.
        if ((await disposals.DisposedItemsAsync(version.ProjectCode, ct)).FirstOrDefault(d => d.Version == version.Version) is { Path: { } path } disposed)
        {
            throw new ContentDisposedException(version.ProjectCode, version.Version, path, disposed.TombstoneEntry);
        }
        var plan = await bags.PlanAsync(version, await catalog.ItemsAsync(version, ct), ct);

        return DeliveredContent.Release(
            decision,
            new ContentRelease(ContentRelease.Copied, version.ProjectCode, version.Version, "bag", null, null, version.ManifestSha256, plan.PayloadBytes),
            new ContentResponse(StatusCodes.Status200OK, "application/zip", null)
            {
                ETag = ETagOf(version.ManifestSha256),
                ContentDisposition = $"attachment; filename=\"{plan.RootName}.zip\"; filename*=UTF-8''{Uri.EscapeDataString($"{version.ProjectCode}_v{version.Version}.zip")}",
            },
            (body, c) => bags.WriteAsync(plan, body, c));
    }

    /// <summary>A disposed version's content is gone for good: 410 naming the tombstone entry (the manifest is still served).</summary>
    private static async Task RefuseDisposedAsync(DisposalStore disposals, SealedVersion version, CancellationToken ct)
    {
        if (await disposals.TombstoneOfAsync(version.ProjectCode, version.Version, ct) is { } tombstone)
        {
            throw new ContentDisposedException(version.ProjectCode, version.Version, tombstone);
        }
    }

    private static Task<SealedVersion?> FindVersionAsync(ProjectCatalog catalog, string code, int n, CancellationToken ct) =>
        n < 1 ? Task.FromResult<SealedVersion?>(null) : catalog.FindVersionAsync(code, n, ct);

    private static async Task<IResult> VersionNotFoundAsync(ProjectCatalog catalog, string code, CancellationToken ct) =>
        await catalog.ExistsAsync(code, ct)
            ? ApiProblem.NotFound("version.not-found", "该项目没有此封存版本（或尚未封存）。")
            : ProjectNotFound();

    private static string ETagOf(string sha256) => $"\"sha256:{sha256}\"";
}
