using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>The trading system's side of CONTRACT §3, through HTTP, as the end-to-end tests drive it.</summary>
public static class IngestFlow
{
    /// <summary>Creates an ingest principal (platform 昆明市公共资源交易中心) and an archivist; returns their tokens.</summary>
    public static async Task<(string Ingest, string Archivist)> PrincipalsAsync(HttpClient admin) =>
        ((await admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心")).Token,
         (await admin.CreatePrincipalAsync("档案员", "archivist", "云南省公共资源交易中心")).Token);

    /// <summary>Opens a submission for <paramref name="code"/> and returns its id.</summary>
    public static async Task<Guid> OpenAsync(HttpClient ingest, string code)
    {
        var response = await ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Uploads every item with its declared SHA-256 and checks the answer's digests.</summary>
    public static async Task UploadAsync(HttpClient ingest, Guid submission, IEnumerable<(string Path, string Role, string MediaType, byte[] Bytes)> items)
    {
        foreach (var (path, role, type, bytes) in items)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var response = await ingest.PutItemAsync(submission, path, role, type, bytes, sha);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var item = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(sha, item.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, item.GetProperty("size").GetInt64());
        }
    }

    /// <summary>Requests the seal and expects 202.</summary>
    public static async Task SealAsync(HttpClient ingest, Guid submission)
    {
        var response = await ingest.PostAsync($"/api/v1/submissions/{submission}/seal", null);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"seal: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The submission's state.</summary>
    public static async Task<JsonElement> StateAsync(HttpClient ingest, Guid submission) =>
        await ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}");

    /// <summary>Downloads the version's bag zip to a file (streamed), unzips it, and returns the bag's root folder.</summary>
    public static async Task<string> DownloadBagAsync(HttpClient archivist, string code, int version)
    {
        using var response = await archivist.GetAsync($"/api/v1/projects/{code}/versions/{version}/bag", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var zip = Path.Combine(Directory.CreateTempSubdirectory("bag-zip-").FullName, "bag.zip");
        await using (var file = File.Create(zip))
        {
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(file);
        }

        var folder = await BagChecks.UnzipAsync(zip);
        File.Delete(zip);
        return Path.Combine(folder, $"{code}_v{version}");
    }
}
