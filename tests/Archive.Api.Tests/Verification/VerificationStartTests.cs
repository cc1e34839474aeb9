using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Verification;

/// <summary>Refusals of <c>POST /api/v1/verification/runs</c> (the service the console's 检测与修复 page calls too).</summary>
public sealed class VerificationStartTests : ApiTest
{
    [Fact]
    public async Task Start_Returns400VerificationCopy_AndStartsNothing_WhenACopyIsUnknown()
    {
        var archivist = Factory.ClientWith((await Admin.CreatePrincipalAsync("档案员", "archivist", "云南省公共资源交易中心")).Token);

        var response = await archivist.PostAsJsonAsync("/api/v1/verification/runs", new { copies = new[] { "online", "tape" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "verification.copy");
        Assert.Equal("copies", problem.GetProperty("field").GetString());
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/verification/runs")).EnumerateArray());
    }

    [Fact]
    public async Task Start_Returns404ProjectNotFound_AndStartsNothing_WhenAProjectIsUnknown()
    {
        var archivist = Factory.ClientWith((await Admin.CreatePrincipalAsync("档案员", "archivist", "云南省公共资源交易中心")).Token);

        var response = await archivist.PostAsJsonAsync("/api/v1/verification/runs", new { projects = new[] { SampleProject.NewCode() } });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "project.not-found");
        Assert.Empty((await archivist.GetFromJsonAsync<JsonElement>("/api/v1/verification/runs")).EnumerateArray());
    }
}
