using System.Text.Json;
using Archive.Api.Tests.Infrastructure;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>What a crash must never do to the ledger's seals, checked by reading every entry through the API.</summary>
internal static class LedgerInvariants
{
    /// <summary>
    /// Asserts one <c>package.sealed</c> per submission and per (project, version), and versions 1..n without a gap per
    /// project; returns the seals by project, in version order.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<JsonElement>>> AssertSealsAsync(HttpClient api)
    {
        var seals = (await LedgerReading.AllEntriesAsync(api)).Where(e => e.GetProperty("type").GetString() == "package.sealed").ToList();
        foreach (var bySubmission in seals.GroupBy(e => e.GetProperty("submission").GetString()))
        {
            Assert.True(bySubmission.Count() == 1, $"submission {bySubmission.Key} has {bySubmission.Count()} package.sealed entries");
        }

        var result = new Dictionary<string, IReadOnlyList<JsonElement>>(StringComparer.Ordinal);
        foreach (var byProject in seals.GroupBy(e => e.GetProperty("project").GetString()!))
        {
            var versions = byProject.Select(e => e.GetProperty("version").GetInt32()).Order().ToList();
            Assert.True(versions.SequenceEqual(Enumerable.Range(1, versions.Count)), $"project {byProject.Key} has versions [{string.Join(",", versions)}] in the ledger");
            result[byProject.Key] = byProject.OrderBy(e => e.GetProperty("version").GetInt32()).ToList();
        }

        return result;
    }
}
