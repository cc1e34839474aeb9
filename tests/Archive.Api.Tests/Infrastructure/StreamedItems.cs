using System.Net.Http.Headers;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Uploads of items whose bytes come from a stream (never a byte array).</summary>
public static class StreamedItems
{
    /// <summary>PUTs <paramref name="length"/> bytes of <paramref name="body"/> as an item, streamed with a Content-Length.</summary>
    public static Task<HttpResponseMessage> PutItemStreamAsync(
        this HttpClient client, Guid submission, string path, string role, string mediaType, Stream body, long length, string? sha256, CancellationToken ct = default)
    {
        var content = new StreamContent(body, 1 << 20);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        content.Headers.ContentLength = length;
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/submissions/{submission}/items/{SampleProject.EscapePath(path)}") { Content = content };
        request.Headers.Add("X-Item-Role", role);
        if (sha256 is not null)
        {
            request.Headers.Add("X-Content-SHA256", sha256);
        }

        return client.SendAsync(request, ct);
    }
}
