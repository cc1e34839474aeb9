using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests;

public sealed class PoliciesApiTests : ApiTest
{
    [Fact]
    public async Task Policies_ListEveryCategoryWithItsChecklist()
    {
        var (_, token) = await Admin.CreatePrincipalAsync("交易系统", "ingest", "平台");

        var policies = await Factory.ClientWith(token).GetFromJsonAsync<JsonElement>("/api/v1/policies");

        var categories = policies.EnumerateArray().Select(p => p.GetProperty("category").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "engineering", "procurement", "land", "mining", "state-assets", "other" }, categories);
        var procurement = policies.EnumerateArray().Single(p => p.GetProperty("category").GetString() == "procurement");
        Assert.Equal(15, procurement.GetProperty("retention").GetProperty("years").GetInt32());
        Assert.Contains(procurement.GetProperty("checklist").EnumerateArray(),
            i => i.GetProperty("requirement").GetString() == "required" && i.GetProperty("title").GetString()!.Contains("采购文件", StringComparison.Ordinal));
        var land = policies.EnumerateArray().Single(p => p.GetProperty("category").GetString() == "land");
        Assert.True(land.GetProperty("retention").GetProperty("permanent").GetBoolean());
        Assert.Equal("unverified", land.GetProperty("archivingDeadline").GetProperty("status").GetString());
        Assert.True(land.GetProperty("checklist").EnumerateArray().Single(i => i.GetProperty("role").GetString() == "hall-recording").GetProperty("recording").GetBoolean());
    }

    [Fact]
    public async Task Policies_Return401_WithoutToken()
    {
        var response = await Factory.ClientWith(null).GetAsync("/api/v1/policies");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }
}
