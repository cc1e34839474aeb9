using System.Net;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.Grants;

/// <summary>
/// Issue 9 point 7: the failed-authentication limiter keys on the forwarded client only when the socket peer is a
/// configured proxy; HSTS is sent when enabled.
/// </summary>
public sealed class NetworkEdgeTests : IAsyncLifetime
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress Stranger = IPAddress.Parse("10.9.9.9");
    private const string Bad = "arc_guessed-token-000000000000000";
    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync(new Dictionary<string, string?>
    {
        ["ARCHIVE_AUTH_FAILURES_PER_MINUTE"] = "3",
        ["ARCHIVE_TRUSTED_PROXIES"] = "10.0.0.1, 192.168.50.0/24",
        ["ARCHIVE_HSTS"] = "true",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Limiter_CountsEachForwardedClientApart_WhenThePeerIsATrustedProxy()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await ViaAsync(Proxy, Bad, "203.0.113.7")).Response.StatusCode);
        }

        Assert.Equal(429, (await ViaAsync(Proxy, Bad, "203.0.113.7")).Response.StatusCode);
        // Another trading system behind the same proxy is not locked out by its neighbour's failures.
        Assert.Equal(401, (await ViaAsync(Proxy, Bad, "203.0.113.8")).Response.StatusCode);
        Assert.Equal(401, (await ViaAsync(IPAddress.Parse("192.168.50.20"), Bad, "203.0.113.9")).Response.StatusCode);
    }

    [Fact]
    public async Task Limiter_IgnoresXForwardedFor_WhenThePeerIsNotATrustedProxy()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await ViaAsync(Stranger, Bad, $"198.51.100.{i}")).Response.StatusCode);
        }

        // A client cannot escape its count by inventing a new X-Forwarded-For for every guess.
        Assert.Equal(429, (await ViaAsync(Stranger, Bad, "198.51.100.200")).Response.StatusCode);
    }

    [Fact]
    public async Task Limiter_NeverRefusesAVerifiedToken_WhenItsAddressIsLimited()
    {
        var (_, token) = await _host.Admin.CreatePrincipalAsync("档案员", "archivist", "某州公共资源交易中心");
        for (var i = 0; i < 4; i++)
        {
            await ViaAsync(Stranger, Bad, null);
        }

        Assert.Equal(429, (await ViaAsync(Stranger, Bad, null)).Response.StatusCode);
        Assert.Equal(200, (await ViaAsync(Stranger, token, null)).Response.StatusCode);
    }

    [Fact]
    public async Task Hsts_IsSent_OnHttpsRequestsForwardedByATrustedProxy()
    {
        var https = await _host.GetFromAsync("/healthz", Proxy, null, new Dictionary<string, string>
        {
            ["X-Forwarded-For"] = "203.0.113.7", ["X-Forwarded-Proto"] = "https", ["Host"] = "archive.example.cn",
        });
        var spoofed = await _host.GetFromAsync("/healthz", Stranger, null, new Dictionary<string, string>
        {
            ["X-Forwarded-Proto"] = "https", ["Host"] = "archive.example.cn",
        });

        Assert.Matches("^max-age=31536000", https.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Empty(spoofed.Response.Headers.StrictTransportSecurity.ToString());
    }

    private Task<Microsoft.AspNetCore.Http.HttpContext> ViaAsync(IPAddress peer, string token, string? forwardedFor) =>
        _host.GetFromAsync("/api/v1/principals/me", peer, token,
            forwardedFor is null ? null : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor });
}
