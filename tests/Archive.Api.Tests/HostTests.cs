using System.Net;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Healthz_Returns200_WhenDatabaseAndBothStoresAnswer()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();

        var response = await factory.ClientWith(null).GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_Returns503_WhenTheOfflineStoreIsGone()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();
        var client = factory.ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var offline = Path.Combine(factory.DataDirectory, "offline");
        Directory.Delete(offline, recursive: true);
        await File.WriteAllTextAsync(offline, "not a folder");

        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("down", body.GetProperty("checks").GetProperty("offline").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("online").GetString());
    }

    [Fact]
    public async Task Healthz_Returns200_WithS3OnlineAndAzureOfflineStores()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["ARCHIVE_ONLINE"] = Archive.Testing.TestServices.S3.Replace("/?", $"/{Archive.Testing.TestServices.UniqueName("online")}?", StringComparison.Ordinal),
            ["ARCHIVE_OFFLINE"] = "azure:" + Archive.Testing.TestServices.Azure + $"Container={Archive.Testing.TestServices.UniqueName("offline")}",
        });

        var response = await factory.ClientWith(null).GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedAndListsTheContractEndpoints()
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();

        var document = await factory.ClientWith(null).GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/principals", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/ledger/proof/inclusion", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BootstrapAdmin_WritesATokenFileWithMode0600_AndReusesIt_WhenNoTokenIsConfigured()
    {
        var database = await Archive.Testing.TestServices.CreateDatabaseAsync("boot");
        var data = Directory.CreateTempSubdirectory("archive-boot-").FullName;
        var overrides = new Dictionary<string, string?> { ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = null };
        string token;
        await using (var first = await ArchiveApiFactory.CreateAsync(overrides, database, data))
        {
            first.ClientWith(null); // starts the host
            var tokenFile = Path.Combine(data, "admin-token");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
            token = (await File.ReadAllTextAsync(tokenFile)).Trim();
            Assert.Equal(HttpStatusCode.OK, (await first.ClientWith(token).GetAsync("/api/v1/principals")).StatusCode);
        }

        await using var second = await ArchiveApiFactory.CreateAsync(overrides, database, data);
        var list = JsonDocument.Parse(await second.ClientWith(token).GetStringAsync("/api/v1/principals")).RootElement;
        Assert.Single(list.EnumerateArray(), p => p.GetProperty("role").GetString() == "admin");
        Assert.Equal(token, (await File.ReadAllTextAsync(Path.Combine(data, "admin-token"))).Trim());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer arc_this-token-does-not-exist-anywhere")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer short")]
    public async Task Api_Returns401ProblemJson_WhenTokenIsMissingOrInvalid(string? authorization)
    {
        await using var factory = await ArchiveApiFactory.CreateAsync();
        var client = factory.ClientWith(null);
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/api/v1/principals/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
