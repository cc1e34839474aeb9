using Archive.Ingest.Reporting;
using System.Globalization;
using System.Security.Cryptography;
using Archive.Api.Access;
using Archive.Core.Errors;
using Archive.Ingest.Hosting;
using Archive.Ingest.Reading;
using NodaTime;
using NodaTime.Text;

namespace Archive.Api.Access.Delivery;

/// <summary>
/// What an auditor receives instead of the stored bytes: PDFs watermarked (查阅人, 单位, 审批单号, 时间), JSON records
/// with personal identifiers masked unless the grant includes personal data. Everything else, and everything for
/// archivists, is delivered as stored. A transformation that cannot be done refuses the item rather than deliver it bare.
/// </summary>
public sealed class GrantedDelivery(IngestStores stores, AccessSettings settings, TransformSlots slots, IClock clock)
{
    private static readonly DateTimeZone Shanghai = BeijingTime.Zone;
    private static readonly LocalDateTimePattern TimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    /// <summary>Whether <paramref name="item"/> is transformed for <paramref name="decision"/>'s caller.</summary>
    /// <param name="decision">An allowed decision.</param>
    /// <param name="item">The item about to be released.</param>
    public static bool Transforms(AccessDecision decision, SealedItem item)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(item);
        return decision.Grant is { } grant && (IsPdf(item.MediaType) || (IsJson(item.MediaType) && !grant.IncludePersonalData));
    }

    /// <summary>
    /// The transformed item for an auditor, or null when the stored bytes are delivered (see <see cref="Transforms"/>).
    /// Reads the whole item into memory, bounded by the configured size ceilings and <see cref="TransformSlots"/>.
    /// </summary>
    /// <param name="decision">An allowed decision.</param>
    /// <param name="item">The item.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="AccessWorkflowException">The item is too large to transform, cannot be transformed, or no slot is free.</exception>
    public async Task<PreparedContent?> PrepareAsync(AccessDecision decision, SealedItem item, CancellationToken ct)
    {
        if (!Transforms(decision, item))
        {
            return null;
        }

        var grant = decision.Grant!;
        var pdf = IsPdf(item.MediaType);
        var limit = pdf ? settings.WatermarkMaxBytes : settings.MaskMaxBytes;
        if (item.Size > limit)
        {
            throw new AccessWorkflowException(ErrorKind.Unprocessable, pdf ? "access.watermark-too-large" : "access.mask-too-large",
                string.Create(CultureInfo.InvariantCulture, $"该条目过大（{item.Size} 字节），无法{(pdf ? "加盖水印" : "进行个人信息脱敏")}后输出，请联系档案管理员。"));
        }

        using var slot = await slots.EnterAsync(ct);
        var original = new byte[item.Size];
        await using (var content = await stores.Online.GetAsync(item.ObjectKey, null, ct))
        {
            await content.ReadExactlyAsync(original, ct);
        }

        // The stored bytes are checked before they are marked: a watermark must never dress up a damaged copy.
        if (Convert.ToHexStringLower(SHA256.HashData(original)) != item.Sha256)
        {
            throw new AccessWorkflowException(ErrorKind.Integrity, "integrity.item-digest",
                "存储的条目字节与清单登记的摘要不符，已拒绝输出，请通知管理员核查。");
        }

        byte[] bytes;
        if (pdf)
        {
            var time = TimePattern.Format(clock.GetCurrentInstant().InZone(Shanghai).LocalDateTime);
            bytes = PdfWatermarker.Apply(original, new Watermark(grant.PrincipalName, grant.Organization, grant.ApprovalNumber, time));
            return new PreparedContent(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), "watermark", "item-watermarked");
        }

        if (!PersonalDataMask.TryMaskJson(original, out bytes))
        {
            throw new AccessWorkflowException(ErrorKind.Unprocessable, "access.mask-failed",
                "该记录不是有效的 JSON，无法进行个人信息脱敏，不予直接输出，请联系档案管理员。");
        }

        return new PreparedContent(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), "mask-personal-data", "item-masked");
    }

    /// <summary>
    /// Releases a transformed item through <see cref="DeliveredContent"/> (ledger entry with both digests first). Range requests get the whole transformed item (RFC 9110
    /// lets a server ignore <c>Range</c>): its bytes differ from the stored ones, so stored offsets would mean nothing.
    /// </summary>
    /// <param name="decision">An allowed decision for which <see cref="Transforms"/> is true.</param>
    /// <param name="version">The sealed version.</param>
    /// <param name="item">The item.</param>
    /// <param name="ct">Cancels the preparation.</param>
    /// <returns>The content to deliver.</returns>
    /// <exception cref="AccessWorkflowException">The item is too large to transform, or cannot be transformed.</exception>
    public async Task<DeliveredContent> ReleaseAsync(AccessDecision decision, SealedVersion version, SealedItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        var prepared = await PrepareAsync(decision, item, ct) ?? throw new InvalidOperationException("The item is not transformed for this caller.");

        return DeliveredContent.Release(
            decision,
            new ContentRelease(ContentRelease.Read, version.ProjectCode, version.Version, prepared.Object, item.Path, null, item.Sha256, item.Size)
            {
                DeliveredSha256 = prepared.Sha256,
                DeliveredSize = prepared.Bytes.LongLength,
                Transform = prepared.Transform,
            },
            new ContentResponse(StatusCodes.Status200OK, item.MediaType, prepared.Bytes.LongLength) { ETag = $"\"sha256:{prepared.Sha256}\"" },
            (body, c) => body.WriteAsync(prepared.Bytes, c).AsTask());
    }

    private static bool IsPdf(string mediaType) => mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
}
