using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Problems;

/// <summary>The framework's own refusals answer like every other: a stable code and a Chinese message.</summary>
public sealed class GenericProblemsTests : ApiTest
{
    [Fact]
    public async Task MalformedJsonBody_Answers400_WithCodeAndChineseMessage_AndCreatesNothing()
    {
        using var body = new StringContent("{\"name\":", Encoding.UTF8, "application/json");
        var response = await Admin.PostAsync("/api/v1/principals", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("request.malformed", problem.GetProperty("code").GetString());
        Assert.Contains("请求格式错误", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_Answers404_WithCode()
    {
        var response = await Admin.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("request.not-found", problem.GetProperty("code").GetString());
    }
}
