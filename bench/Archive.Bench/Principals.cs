using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Bench;

/// <summary>The principals the measurements act as, created through the API like an administrator would.</summary>
internal sealed record Principals(string Ingest, string Archivist)
{
    public static async Task<Principals> CreateAsync(HttpClient admin)
    {
        // The first security administrator is active at once; it confirms the principals the admin proposes.
        var security = await CreateAsync(admin, new { name = "基准安全管理员", role = "security-admin", organization = "基准测试" });
        using var confirmer = new HttpClient { BaseAddress = admin.BaseAddress };
        confirmer.DefaultRequestHeaders.Authorization = new("Bearer", security.Token);
        var ingest = await CreateAsync(admin, new { name = "基准交易系统", role = "ingest", organization = "昆明市公共资源交易中心", regions = new[] { "53" }, codePrefixes = Array.Empty<string>() });
        var archivist = await CreateAsync(admin, new { name = "基准档案员", role = "archivist", organization = "云南省公共资源交易中心" });
        foreach (var principal in new[] { ingest, archivist }.Where(p => p.Pending))
        {
            (await confirmer.PostAsync($"/api/v1/principals/{principal.Id}/confirm", null)).EnsureSuccessStatusCode();
        }
        return new Principals(ingest.Token, archivist.Token);
    }

    private static async Task<(Guid Id, string Token, bool Pending)> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/principals", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating a principal: {(int)response.StatusCode} {json}");
        }
        return (json.GetProperty("id").GetGuid(), json.GetProperty("token").GetString()!, json.GetProperty("status").GetString() == "pending");
    }
}
