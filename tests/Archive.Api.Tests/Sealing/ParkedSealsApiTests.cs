using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;

namespace Archive.Api.Tests.Sealing;

/// <summary>Issue 9 point 6: the parked-seal endpoints are for archivists, and a retry of a seal that is not parked changes nothing.</summary>
public sealed class ParkedSealsApiTests : ApiTest
{
    [Fact]
    public async Task ParkedSeals_AreListedForArchivistsOnly_AndRefuseSealsThatAreNotParked()
    {
        var (_, ingestToken) = await Admin.CreatePrincipalAsync("昆明市电子交易系统", "ingest", "昆明市公共资源交易中心");
        var (_, archivistToken) = await Admin.CreatePrincipalAsync("档案员", "archivist", "昆明市公共资源交易中心");
        var ingest = Factory.ClientWith(ingestToken);
        var archivist = Factory.ClientWith(archivistToken);
        var created = await ingest.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(SampleProject.NewCode()));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ledger.entries");

        await (await ingest.GetAsync("/api/v1/seals/parked")).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await Admin.PostAsync($"/api/v1/seals/{id}/retry", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        Assert.Equal(0, (await archivist.GetFromJsonAsync<JsonElement>("/api/v1/seals/parked")).GetArrayLength());
        await (await archivist.PostAsync($"/api/v1/seals/{id}/retry", null)).AssertProblemAsync(HttpStatusCode.Conflict, "seal.not-parked");
        await (await archivist.PostAsJsonAsync($"/api/v1/seals/{id}/abandon", new { reason = "测试" })).AssertProblemAsync(HttpStatusCode.Conflict, "seal.not-parked");
        await (await archivist.PostAsJsonAsync($"/api/v1/seals/{id}/abandon", new { reason = " " })).AssertProblemAsync(HttpStatusCode.BadRequest, "seal.reason");
        await (await archivist.PostAsync($"/api/v1/seals/{Guid.NewGuid()}/retry", null)).AssertProblemAsync(HttpStatusCode.NotFound, "submission.not-found");

        Assert.Equal("open", (await ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{id}")).GetProperty("status").GetString());
        Assert.Equal(before, await TestDatabase.ScalarAsync(Factory.Database, "SELECT count(*) FROM ledger.entries"));
    }
}
