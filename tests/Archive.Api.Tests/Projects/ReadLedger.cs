using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Archive.Api.Tests.Projects;

/// <summary>Checks the two ledger entries of one read: the entry before the bytes, and <c>access.delivered</c> after.</summary>
public static class ReadLedger
{
    /// <summary>
    /// Asserts that <paramref name="response"/> names (X-Ledger-Index) an entry of <paramref name="type"/>, and that an
    /// <c>access.delivered</c> entry pointing at it records exactly <paramref name="received"/>. Returns the first entry.
    /// </summary>
    public static async Task<JsonElement> AssertLoggedAsync(HttpClient client, HttpResponseMessage response, byte[] received, string type)
    {
        var index = long.Parse(Assert.Single(response.Headers.GetValues("X-Ledger-Index")), CultureInfo.InvariantCulture);
        var entry = await EntryAsync(client, index);
        Assert.Equal(type, entry.GetProperty("type").GetString());

        var delivered = await DeliveredAsync(client, index);
        Assert.Equal(received.LongLength, delivered.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(received)), delivered.GetProperty("sha256").GetString());
        Assert.True(delivered.GetProperty("completed").GetBoolean());
        return entry;
    }

    /// <summary>The <c>access.delivered</c> entry for read entry <paramref name="readIndex"/>, waiting for it up to 10 s.</summary>
    public static async Task<JsonElement> DeliveredAsync(HttpClient client, long readIndex)
    {
        var next = readIndex + 1;
        for (var attempt = 0; attempt < 100;)
        {
            var response = await client.GetAsync($"/api/v1/ledger/entries/{next}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                attempt++;
                await Task.Delay(100);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var entry = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement.Clone();
            if (entry.GetProperty("type").GetString() == "access.delivered" && entry.GetProperty("readEntry").GetInt64() == readIndex)
            {
                return entry;
            }

            next++;
        }

        throw new TimeoutException($"no access.delivered entry for {readIndex} within 10 s");
    }

    /// <summary>One entry, parsed.</summary>
    public static async Task<JsonElement> EntryAsync(HttpClient client, long index)
    {
        var response = await client.GetAsync($"/api/v1/ledger/entries/{index}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement.Clone();
    }
}
