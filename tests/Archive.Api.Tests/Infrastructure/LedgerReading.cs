using System.Net;
using System.Text.Json;

namespace Archive.Api.Tests.Infrastructure;

/// <summary>Reads the ledger through the public endpoints, as an outside verifier would.</summary>
public static class LedgerReading
{
    /// <summary>Every entry from index 0 until the first 404, parsed.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AllEntriesAsync(HttpClient client)
    {
        var entries = new List<JsonElement>();
        for (var i = 0; ; i++)
        {
            var response = await client.GetAsync($"/api/v1/ledger/entries/{i}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return entries;
            }

            response.EnsureSuccessStatusCode();
            entries.Add(JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement.Clone());
        }
    }

    /// <summary>The index of the first entry matching <paramref name="match"/>.</summary>
    public static async Task<long> IndexOfAsync(HttpClient client, Func<JsonElement, bool> match)
    {
        var entries = await AllEntriesAsync(client);
        for (var i = 0; i < entries.Count; i++)
        {
            if (match(entries[i]))
            {
                return i;
            }
        }

        throw new InvalidOperationException("no such ledger entry");
    }
}
