using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace Archive.Storage.S3;

/// <summary>
/// The S3 calls made without the Minio SDK (uploads: see the other part of this class). Listing: the SDK looks for the S3 XML namespace that s3rver
/// does not use (it answers in <c>http://doc.s3.amazonaws.com/2006-03-01/</c>), so it finds nothing there,
/// and it URL-decodes keys (turning '+' into ' ') even when the server did not encode them. Ranged GET:
/// the SDK only lends its response stream to a callback, while the port hands a stream to the caller.
/// </summary>
internal sealed partial class S3RestClient(S3StoreSettings settings, HttpClient http)
{
    private readonly SigV4Signer _signer = new(settings.AccessKey, settings.SecretKey, settings.Region);

    public async Task<Stream> GetAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ObjectUri(key));
        if (range is { } r)
        {
            request.Headers.Range = new RangeHeaderValue(r.Offset, r.LastInclusive);
        }
        _signer.Sign(request, DateTimeOffset.UtcNow);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK when range is not { Offset: > 0 } && range?.Length is null:
                case HttpStatusCode.PartialContent when range is not null:
                    return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                case HttpStatusCode.NotFound:
                    throw new ObjectNotFoundException(key);
                case HttpStatusCode.RequestedRangeNotSatisfiable:
                    throw new RangeNotSatisfiableException(key, range!.Value, response.Content.Headers.ContentRange?.Length);
                default:
                    throw await FailureAsync(response, $"GET of '{key}'", cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // ListObjects version 1 with the last key as marker: s3rver's version 2 continuation tokens are DES-encrypted,
        // which Node's OpenSSL 3 refuses (HTTP 500 on every truncated page); version 1 works everywhere.
        string? marker = null;
        do
        {
            var query = "max-keys=1000";
            if (marker is not null)
            {
                query = "marker=" + SigV4Signer.Encode(marker, keepSlash: false) + "&" + query;
            }
            if (prefix.Length > 0)
            {
                query += "&prefix=" + SigV4Signer.Encode(prefix, keepSlash: false);
            }
            XDocument page;
            using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(settings.BaseUri, $"/{settings.Bucket}?{query}")))
            {
                _signer.Sign(request, DateTimeOffset.UtcNow);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw await FailureAsync(response, $"listing of '{settings.Bucket}'", cancellationToken).ConfigureAwait(false);
                }
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                page = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken).ConfigureAwait(false);
            }
            var root = page.Root!;
            string? lastKey = null;
            foreach (var item in root.Elements().Where(e => e.Name.LocalName == "Contents"))
            {
                var key = Child(item, "Key");
                lastKey = key ?? lastKey;
                if (key is null || !key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }
                var size = long.Parse(Child(item, "Size") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
                var modified = DateTimeOffset.Parse(Child(item, "LastModified") ?? "1970-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                yield return new ObjectInfo(key, size, modified, null, null);
            }
            var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
            marker = truncated ? Child(root, "NextMarker") ?? lastKey : null;
        }
        while (marker is not null);
    }

    /// <summary>
    /// CopyObject (up to 5 GiB) with the source key encoded segment by segment. The SDK escapes the '/' in
    /// x-amz-copy-source as %2F, which s3rver (decodeURI) never decodes, so every copy of a key with a folder fails there.
    /// </summary>
    public async Task CopyAsync(string sourceKey, string destinationKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(destinationKey));
        request.Headers.Add("x-amz-copy-source", $"/{settings.Bucket}/{SigV4Signer.Encode(sourceKey, keepSlash: true)}");
        request.Headers.Add("x-amz-metadata-directive", "COPY");
        request.Content = new ByteArrayContent([]);
        _signer.Sign(request, DateTimeOffset.UtcNow);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(sourceKey);
        }
        await EnsureOkAsync(response, $"copy of '{sourceKey}' to '{destinationKey}'", cancellationToken).ConfigureAwait(false);
    }

    private Uri ObjectUri(string key, string? query = null) =>
        new(settings.BaseUri, $"/{settings.Bucket}/{SigV4Signer.Encode(key, keepSlash: true)}{(query is null ? "" : "?" + query)}");

    private static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static async Task<Exception> FailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new HttpRequestException($"S3 {what} failed: HTTP {(int)response.StatusCode} {ErrorCode(body)}".TrimEnd(), null, response.StatusCode);
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            return body.TrimStart().StartsWith('<') ? XDocument.Parse(body).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
