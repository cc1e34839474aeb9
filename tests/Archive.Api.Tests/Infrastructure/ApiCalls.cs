using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Small helpers for calling the API in tests.</summary>
public static class ApiCalls
{
    // One security administrator per host, keyed by the host's bootstrap admin token (unique per test host).
    private static readonly Dictionary<string, string> SecurityAdmins = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim SecurityAdminGate = new(1, 1);

    /// <summary>
    /// Creates an active principal as the bootstrap admin and returns its id and token: when the two-person rule makes
    /// it a proposal, a security administrator of this host (created once, as the bootstrap admin's first of its kind)
    /// confirms it. A trading system is bound to all of Yunnan (region <c>53</c>) unless <paramref name="regions"/> says
    /// otherwise, and to <paramref name="codePrefixes"/> (for free-form legacy codes).
    /// </summary>
    public static async Task<(Guid Id, string Token)> CreatePrincipalAsync(
        this HttpClient admin, string name, string role, string? organization = null, string[]? regions = null, string[]? codePrefixes = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/principals", role == "ingest"
            ? new { name, role, organization, regions = regions ?? ["53"], codePrefixes = codePrefixes ?? [] }
            : (object)new { name, role, organization });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        if (body.GetProperty("status").GetString() == "pending")
        {
            await admin.ConfirmPrincipalAsync(id, await SecurityAdminTokenAsync(admin));
        }

        return (id, body.GetProperty("token").GetString()!);
    }

    /// <summary>Confirms a proposed principal as the security administrator holding <paramref name="securityAdminToken"/>.</summary>
    public static async Task ConfirmPrincipalAsync(this HttpClient client, Guid id, string securityAdminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/principals/{id}/confirm");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", securityAdminToken);
        var confirmed = await client.SendAsync(request);
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
    }

    /// <summary>The token of the security administrator <see cref="CreatePrincipalAsync"/> uses on the host of <paramref name="admin"/>.</summary>
    public static async Task<string> SecurityAdminTokenAsync(HttpClient admin)
    {
        var key = admin.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("The admin client carries no token.");
        await SecurityAdminGate.WaitAsync();
        try
        {
            if (!SecurityAdmins.TryGetValue(key, out var token))
            {
                var response = await admin.PostAsJsonAsync("/api/v1/principals", new { name = "测试安全管理员", role = "security-admin", organization = "测试中心" });
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(body.GetProperty("status").GetString() == "active", "the helper's security administrator must be the host's first: " + body);
                token = body.GetProperty("token").GetString()!;
                SecurityAdmins[key] = token;
            }

            return token;
        }
        finally
        {
            SecurityAdminGate.Release();
        }
    }

    /// <summary>Asserts a problem+json answer with the status and stable code, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body.GetProperty("detail").GetString());
        return body;
    }

    /// <summary>Polls a submission until it is archived; fails when it is rejected or after <paramref name="timeout"/> (default 60 s).</summary>
    public static async Task<JsonElement> WaitForArchivedAsync(this HttpClient ingest, Guid submission, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement state;
        do
        {
            state = await ingest.GetFromJsonAsync<JsonElement>($"/api/v1/submissions/{submission}");
            switch (state.GetProperty("status").GetString())
            {
                case "archived":
                    return state;
                case "rejected":
                    Assert.Fail($"submission {submission} was rejected: {state}");
                    break;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < limit);

        throw new TimeoutException($"submission {submission} was not archived within {limit}: {state}");
    }

    /// <summary>Starts a verification run as <paramref name="client"/> (an archivist) and polls until it completes (60 s at most).</summary>
    public static async Task<JsonElement> RunVerificationAsync(this HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/verification/runs", body ?? new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verification/runs/{id}");
            if (run.GetProperty("status").GetString() == "completed")
            {
                return run;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"verification run {id} did not complete");
    }

    /// <summary>Polls until the latest checkpoint covers <paramref name="index"/>, and returns its text.</summary>
    public static async Task<string> WaitForCheckpointCoveringAsync(this HttpClient client, long index)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var response = await client.GetAsync("/api/v1/ledger/checkpoint");
            if (response.IsSuccessStatusCode)
            {
                var note = await response.Content.ReadAsStringAsync();
                if (long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture) > index)
                {
                    return note;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no checkpoint covered entry {index} within 20 s");
    }
}
