using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Small helpers for calling the API in tests.</summary>
public static class ApiCalls
{
    /// <summary>Creates a principal as admin and returns its id and token.</summary>
    public static async Task<(Guid Id, string Token)> CreatePrincipalAsync(this HttpClient admin, string name, string role, string? organization = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/principals", new { name, role, organization });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("token").GetString()!);
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
