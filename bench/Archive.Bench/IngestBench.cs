using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Testing;

namespace Archive.Bench;

/// <summary>
/// A large venue recording through the API: upload, then seal until the version is archived (both copies written and
/// the ledger entry covered by a checkpoint), against writing the same bytes twice with fsync from .NET, in the same
/// run and from the same page-cached source file.
/// </summary>
internal static class IngestBench
{
    private static readonly byte[] FtypBox = [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0, .. "mp42isom"u8];

    /// <summary>Writes the recording (an MP4 <c>ftyp</c> box, then pseudo-random bytes) and returns its SHA-256.</summary>
    public static async Task<string> WriteSourceAsync(string path, long length, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, useAsync: true);
        await using var random = new DeterministicStream(length - FtypBox.Length);
        sha.AppendData(FtypBox);
        await file.WriteAsync(FtypBox, ct);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await random.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The limit: the source copied to two new files in <paramref name="folder"/>, each fsync'd, one after the other.</summary>
    public static async Task<TimeSpan> TwoFsyncedCopiesAsync(string source, string folder, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        for (var copy = 0; copy < 2; copy++)
        {
            var target = Path.Combine(folder, $"fsync-copy-{copy}");
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
            await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await input.CopyToAsync(output, 1 << 20, ct);
                output.Flush(flushToDisk: true);
            }
        }
        var elapsed = watch.Elapsed;
        for (var copy = 0; copy < 2; copy++)
        {
            File.Delete(Path.Combine(folder, $"fsync-copy-{copy}"));
        }
        return elapsed;
    }

    /// <summary>Uploads and seals the recording as a new project; returns the project code and the two durations.</summary>
    public static async Task<(string Code, TimeSpan Upload, TimeSpan Seal)> IngestAsync(
        HttpClient ingest, string source, string sha256, CancellationToken ct)
    {
        var code = "Z530100" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var opened = await ingest.PostAsJsonAsync("/api/v1/submissions", new
        {
            project = new { code, name = "基准测试大录像项目", category = "other", region = "530100" },
            parties = new[] { new { role = "出让人", name = "昆明市某国有企业", creditCode = "91350100M000100Y43" } },
            dates = new { announcement = "2026-01-05", opening = "2026-02-01", award = "2026-02-10", completion = "2026-03-01" },
            flags = new Dictionary<string, bool>(),
        }, ct);
        var id = (await Expect(opened, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var (path, role, type, bytes) in RequiredItems())
        {
            await Expect(await PutAsync(ingest, id, path, role, type, new ByteArrayContent(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes)), ct), HttpStatusCode.Created);
        }

        var watch = Stopwatch.StartNew();
        await using (var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        {
            var content = new StreamContent(file, 1 << 20);
            content.Headers.ContentLength = file.Length;
            await Expect(await PutAsync(ingest, id, "录像/开标现场全程.mp4", "av-recording", "video/mp4", content, sha256, ct), HttpStatusCode.Created);
        }
        var upload = watch.Elapsed;
        watch.Restart();
        await Expect(await ingest.PostAsync($"/api/v1/submissions/{id}/seal", null, ct), HttpStatusCode.Accepted);
        while (true)
        {
            var state = await ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}", ct);
            var status = state.GetProperty("status").GetString();
            if (status == "archived")
            {
                return (code, upload, watch.Elapsed);
            }
            if (status == "rejected")
            {
                throw new InvalidOperationException("the seal was rejected: " + state);
            }
            await Task.Delay(100, ct);
        }
    }

    private static Task<HttpResponseMessage> PutAsync(
        HttpClient client, Guid id, string path, string role, string type, HttpContent content, string sha256, CancellationToken ct)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/submissions/{id}/items/{escaped}") { Content = content };
        request.Headers.Add("X-Item-Role", role);
        request.Headers.Add("X-Content-SHA256", sha256);
        return client.SendAsync(request, ct);
    }

    private static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == status
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
    }

    // One item per required role of the category `other` (retention-policies/other.yaml).
    private static IEnumerable<(string Path, string Role, string Type, byte[] Bytes)> RequiredItems() =>
    [
        ("记录/项目信息.json", "project-record", "application/json", "{\"dataset\":\"501\",\"name\":\"项目信息\"}"u8.ToArray()),
        ("公告/交易公告.pdf", "transaction-notice", "application/pdf", MinimalPdf.Bytes("notice")),
        ("文件/交易文件.pdf", "transaction-documents", "application/pdf", MinimalPdf.Bytes("documents")),
        ("记录/交易过程记录.json", "transaction-record", "application/json", "{\"dataset\":\"506\",\"bids\":[1,2,3]}"u8.ToArray()),
        ("公告/结果公示.pdf", "result-publicity", "application/pdf", MinimalPdf.Bytes("result")),
    ];
}
