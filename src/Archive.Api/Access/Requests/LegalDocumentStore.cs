using Archive.Api.Hosting;
using Archive.Core.Errors;
using Archive.Storage;
using Archive.Core.Streams;

namespace Archive.Api.Access.Requests;

/// <summary>
/// Keeps scanned legal documents in the online store under <c>access-documents/&lt;request&gt;/&lt;sha256&gt;</c>:
/// streamed, size-limited, accepted only when their leading bytes are PDF, JPEG, PNG or OFD. Where the store keeps
/// objects write-once, a document is retained for <see cref="RetentionYears"/> years (it is evidence of why content
/// was released).
/// </summary>
public sealed class LegalDocumentStore([FromKeyedServices(StoreNames.Online)] IObjectStore online, AccessSettings settings, NodaTime.IClock clock)
{
    /// <summary>How long a stored legal document is retained where the store offers retention.</summary>
    public const int RetentionYears = 30;

    /// <summary>The key prefix this class owns.</summary>
    public const string Prefix = "access-documents/";

    /// <summary>Stores a document for a request.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="body">The document's bytes, read once.</param>
    /// <param name="expectedSha256">The digest the client declared (hex), if any.</param>
    /// <param name="ct">Cancels the upload; nothing is kept then.</param>
    /// <returns>Where and what was stored.</returns>
    /// <exception cref="AccessWorkflowException">Empty, too large, of another format, or not matching the declared digest.</exception>
    public async Task<LegalDocument> PutAsync(Guid requestId, Stream body, string? expectedSha256, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        byte[]? expected = null;
        if (!string.IsNullOrEmpty(expectedSha256))
        {
            if (expectedSha256.Length != 64 || !expectedSha256.All(Uri.IsHexDigit))
            {
                throw new AccessWorkflowException(ErrorKind.Invalid, "access.document-digest-format", "X-Content-SHA256 应为 64 位十六进制 SHA-256。", "X-Content-SHA256");
            }

            expected = Convert.FromHexString(expectedSha256);
        }

        var head = new byte[DocumentSignatures.HeadLength];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (headLength == 0)
        {
            throw new AccessWorkflowException(ErrorKind.Invalid, "access.document-empty", "法律文书扫描件为空。", "body");
        }

        var mediaType = DocumentSignatures.Recognise(head.AsSpan(0, headLength))
            ?? throw new AccessWorkflowException(ErrorKind.UnsupportedMediaType, "access.document-type",
                "法律文书扫描件须为 PDF、JPEG、PNG 或 OFD 文件（按文件内容识别）。", "body");

        var content = new SizeLimitedStream(new PrefixedStream(head.AsMemory(0, headLength), body, leaveOpen: true), settings.MaxDocumentBytes);
        var temporary = $"{Prefix}{requestId:N}/upload-{Guid.NewGuid():N}";
        StoredObject stored;
        try
        {
            stored = await online.PutAsync(temporary, content, new PutOptions { ContentType = mediaType, ExpectedSha256 = expected }, ct);
        }
        catch (DigestMismatchException)
        {
            throw new AccessWorkflowException(ErrorKind.Unprocessable, "access.document-digest", "上传内容的 SHA-256 与 X-Content-SHA256 不符，未保存。", "X-Content-SHA256");
        }
        catch (Exception) when (content.Exceeded)
        {
            await online.DeleteAsync(temporary, CancellationToken.None);
            throw new AccessWorkflowException(ErrorKind.TooLarge, "access.document-too-large",
                $"法律文书扫描件不得超过 {settings.MaxDocumentBytes / (1024 * 1024)} MiB。", "body");
        }

        var sha256 = Convert.ToHexStringLower(stored.Digests.Sha256);
        var key = $"{Prefix}{requestId:N}/{sha256}";
        try
        {
            await KeepAsync(temporary, key, stored, mediaType, ct);
        }
        finally
        {
            await online.DeleteAsync(temporary, CancellationToken.None);
        }

        return new LegalDocument(key, sha256, stored.Size, mediaType);
    }

    private async Task KeepAsync(string temporary, string key, StoredObject stored, string mediaType, CancellationToken ct)
    {
        if (!(await online.GetCapabilitiesAsync(ct)).WriteOnce)
        {
            await online.CopyAsync(temporary, key, ct);
            return;
        }

        if ((await online.StatAsync(key, ct))?.Size == stored.Size)
        {
            return; // the same document (its key is its SHA-256), kept already
        }

        // A retained put, not a copy: a server-side copy cannot set a lock.
        await using var source = await online.GetAsync(temporary, null, ct);
        var until = clock.GetCurrentInstant().InUtc().LocalDateTime.PlusYears(RetentionYears).InUtc().ToDateTimeOffset();
        await online.PutAsync(key, source, new PutOptions
        {
            ContentType = mediaType,
            ExpectedSha256 = stored.Digests.Sha256,
            Length = stored.Size,
            RetainUntil = until,
        }, ct);
    }

    /// <summary>Opens a stored document for streaming.</summary>
    /// <param name="document">The document.</param>
    /// <param name="ct">Cancels the open.</param>
    public Task<Stream> OpenAsync(LegalDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        return online.GetAsync(document.Key, null, ct);
    }

    /// <summary>Removes a document that was stored but never attached (best effort).</summary>
    /// <param name="document">The document.</param>
    public Task DiscardAsync(LegalDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return online.DeleteAsync(document.Key, CancellationToken.None);
    }
}
