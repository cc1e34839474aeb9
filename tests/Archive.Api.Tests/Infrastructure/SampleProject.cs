using System.Net.Http.Headers;
using System.Text;
using Archive.Testing;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>A small, valid project of category <c>other</c>: metadata and one item for every required role.</summary>
public static class SampleProject
{
    /// <summary>A code of the 17-character form, unique per call (region 530100 = 昆明).</summary>
    public static string NewCode() => "Z530100" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Submission metadata; <paramref name="creditCode"/> defaults to the worked example of GB 32100-2015.</summary>
    public static object Metadata(string code, string category = "other", string creditCode = "91350100M000100Y43") => new
    {
        project = new { code, name = "昆明市某国有资产处置项目（测试）", category, region = "530100" },
        parties = new[] { new { role = "出让人", name = "昆明市某国有企业", creditCode } },
        dates = new { announcement = "2026-01-05", opening = "2026-02-01", award = "2026-02-10", completion = "2026-03-01" },
        flags = new Dictionary<string, bool>(),
    };

    /// <summary>A minimal PDF of one empty page that <c>qpdf --check</c> accepts, carrying <paramref name="text"/> in a comment.</summary>
    public static byte[] Pdf(string text) => MinimalPdf.Bytes(text);

    /// <summary>One item per required role of <c>other</c>: (path, role, media type, bytes).</summary>
    public static IReadOnlyList<(string Path, string Role, string MediaType, byte[] Bytes)> RequiredItems() =>
    [
        ("记录/项目信息.json", "project-record", "application/json", "{\"dataset\":\"501\",\"name\":\"项目信息\"}"u8.ToArray()),
        ("公告/交易公告.pdf", "transaction-notice", "application/pdf", Pdf("notice")),
        ("文件/交易文件.pdf", "transaction-documents", "application/pdf", Pdf("documents")),
        ("记录/交易过程记录.json", "transaction-record", "application/json", "{\"dataset\":\"506\",\"bids\":[1,2,3]}"u8.ToArray()),
        ("公告/结果公示.pdf", "result-publicity", "application/pdf", Pdf("result")),
    ];

    /// <summary>Uploads one item.</summary>
    public static Task<HttpResponseMessage> PutItemAsync(this HttpClient client, Guid submission, string path, string role, string mediaType, byte[] bytes, string? sha256 = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/submissions/{submission}/items/{EscapePath(path)}") { Content = content };
        request.Headers.Add("X-Item-Role", role);
        if (sha256 is not null)
        {
            request.Headers.Add("X-Content-SHA256", sha256);
        }

        return client.SendAsync(request);
    }

    /// <summary>Percent-encodes each segment of an item path for a URL.</summary>
    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
