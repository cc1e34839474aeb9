using System.Net;
using Archive.Api.Tests.Infrastructure;
using NodaTime;

namespace Archive.Api.Tests.Grants;

public sealed class AuthRateLimitTests : IAsyncLifetime
{
    private GrantsHost _host = null!;

    public async Task InitializeAsync() => _host = await GrantsHost.StartAsync(new Dictionary<string, string?> { ["ARCHIVE_AUTH_FAILURES_PER_MINUTE"] = "5" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FailedAuthentications_Return429WithRetryAfter_PastTheLimit_UntilTheMinutePasses()
    {
        var (_, token) = await _host.Admin.CreatePrincipalAsync("档案员", "archivist", "某州公共资源交易中心");
        var guesser = _host.ClientWith("arc_guessed-token-000000000000000");
        var valid = _host.ClientWith(token);

        for (var i = 0; i < 5; i++)
        {
            await (await guesser.GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        }

        var limited = await guesser.GetAsync("/api/v1/principals/me");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.rate-limited");
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        // A token that verifies is never refused, even from a limited address (issue 9 point 7).
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/principals/me")).StatusCode);

        _host.Clock.Advance(Duration.FromSeconds(61));

        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/principals/me")).StatusCode);
        await (await guesser.GetAsync("/api/v1/principals/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task SuccessfulAuthentications_AreNeverLimited()
    {
        var (_, token) = await _host.Admin.CreatePrincipalAsync("档案员", "archivist", "某州公共资源交易中心");
        var valid = _host.ClientWith(token);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/principals/me")).StatusCode);
        }
    }
}
