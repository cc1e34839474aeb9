using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Archive.Storage.S3;

/// <summary>
/// PUT and multipart uploads, written here rather than through the SDK: Minio 7.0.0 allocates a fresh part
/// buffer for every part (5 MiB on the large-object heap each), so a 1 GiB put grew the heap by ~350 MiB
/// before a collection; here the caller reuses two buffers. Each body is sent with its SHA-256 signed, so the
/// server rejects a part damaged on the way.
/// </summary>
internal sealed partial class S3RestClient
{
    public async Task PutObjectAsync(string key, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers, string contentType, bool contentMd5, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(key)) { Content = Body(body, contentType, contentMd5) };
        AddHeaders(request, headers);
        _signer.Sign(request, DateTimeOffset.UtcNow, Convert.ToHexStringLower(SHA256.HashData(body.Span)));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, $"PUT of '{key}'", cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> CreateMultipartUploadAsync(string key, IReadOnlyDictionary<string, string> headers, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ObjectUri(key, "uploads")) { Content = Body(ReadOnlyMemory<byte>.Empty, contentType) };
        AddHeaders(request, headers);
        _signer.Sign(request, DateTimeOffset.UtcNow);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await EnsureOkAsync(response, $"start of the upload of '{key}'", cancellationToken).ConfigureAwait(false);
        return Child(XDocument.Parse(body).Root!, "UploadId") ?? throw new HttpRequestException($"S3 did not return an upload id for '{key}'.");
    }

    public async Task<string> UploadPartAsync(string key, string uploadId, int partNumber, ReadOnlyMemory<byte> body, bool contentMd5, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"partNumber={partNumber}&uploadId={SigV4Signer.Encode(uploadId, keepSlash: false)}");
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(key, query)) { Content = Body(body, null, contentMd5) };
        _signer.Sign(request, DateTimeOffset.UtcNow, Convert.ToHexStringLower(SHA256.HashData(body.Span)));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, $"part {partNumber} of '{key}'", cancellationToken).ConfigureAwait(false);
        return response.Headers.ETag?.Tag ?? throw new HttpRequestException($"S3 returned no ETag for part {partNumber} of '{key}'.");
    }

    public async Task CompleteMultipartUploadAsync(string key, string uploadId, IReadOnlyList<string> etags, CancellationToken cancellationToken)
    {
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        for (var i = 0; i < etags.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{i + 1}</PartNumber><ETag>{WebUtility.HtmlEncode(etags[i])}</ETag></Part>");
        }
        var body = Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, ObjectUri(key, "uploadId=" + SigV4Signer.Encode(uploadId, keepSlash: false))) { Content = Body(body, "application/xml") };
        _signer.Sign(request, DateTimeOffset.UtcNow, Convert.ToHexStringLower(SHA256.HashData(body)));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureOkAsync(response, $"completion of the upload of '{key}'", cancellationToken).ConfigureAwait(false);
    }

    public async Task AbortMultipartUploadAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, ObjectUri(key, "uploadId=" + SigV4Signer.Encode(uploadId, keepSlash: false)));
        _signer.Sign(request, DateTimeOffset.UtcNow);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static ReadOnlyMemoryContent Body(ReadOnlyMemory<byte> body, string? contentType, bool contentMd5 = false)
    {
        var content = new ReadOnlyMemoryContent(body);
        if (contentMd5)
        {
            // S3 demands Content-MD5 on uploads that carry an object-lock retention.
            content.Headers.ContentMD5 = MD5.HashData(body.Span);
        }
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        return content;
    }

    private static void AddHeaders(HttpRequestMessage request, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static async Task<string> EnsureOkAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        // S3 may answer 200 and report the error in the body (CompleteMultipartUpload, CopyObject).
        if (response.StatusCode != HttpStatusCode.OK || body.Contains("<Error>", StringComparison.Ordinal))
        {
            throw new HttpRequestException($"S3 {what} failed: HTTP {(int)response.StatusCode} {ErrorCode(body)}".TrimEnd(), null, response.StatusCode);
        }
        return body;
    }
}
