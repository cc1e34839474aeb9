using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Grants;
using Archive.Api.Tests.Infrastructure;
using Archive.Ingest.Handover;
using Archive.Ingest.Staging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;

namespace Archive.Api.Tests.Handover;

/// <summary>Helpers of the handover tests: opening projects, running the jobs, reading the database as the superuser.</summary>
internal static class HandoverCalls
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>Opens a submission of <paramref name="category"/> completed on <paramref name="completion"/> (default: the host's today, Asia/Shanghai).</summary>
    public static async Task<(string Code, Guid Id)> OpenAsync(
        GrantsHost host, HttpClient ingest, string category = "other", IReadOnlyDictionary<string, bool>? flags = null, LocalDate? completion = null)
    {
        var code = SampleProject.NewCode();
        var response = await ingest.PostAsJsonAsync("/api/v1/submissions", Metadata(code, completion ?? host.Clock.GetCurrentInstant().InZone(Shanghai).Date, category, flags));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>Submission metadata whose every date is <paramref name="completion"/>.</summary>
    public static object Metadata(string code, LocalDate completion, string category = "other", IReadOnlyDictionary<string, bool>? flags = null)
    {
        var date = completion.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new
        {
            project = new { code, name = "昆明市某交易项目（归档监督测试）", category, region = "530100" },
            parties = new[] { new { role = "出让人", name = "昆明市某国有企业", creditCode = "91350100M000100Y43" } },
            dates = new { announcement = date, opening = date, award = date, completion = date },
            flags = flags ?? new Dictionary<string, bool>(),
        };
    }

    public static Task<OverdueCheckResult> RunOverdueJobAsync(GrantsHost host) =>
        host.Services.GetRequiredService<OverdueMonitorJob>().RunAsync(CancellationToken.None);

    public static Task<StagingCleanupResult> RunCleanupAsync(GrantsHost host) =>
        host.Services.GetRequiredService<StagingCleanupJob>().RunAsync(CancellationToken.None);

    /// <summary>The ledger's entries of <paramref name="type"/>, parsed, in order.</summary>
    public static async Task<IReadOnlyList<JsonElement>> EntriesAsync(GrantsHost host, string type)
    {
        await using var db = new NpgsqlConnection(host.Database);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT convert_from(bytes, 'UTF8') FROM ledger.entries WHERE type = $1 ORDER BY index", db);
        cmd.Parameters.Add(new() { Value = type });
        var entries = new List<JsonElement>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            entries.Add(JsonDocument.Parse(r.GetString(0)).RootElement.Clone());
        }

        return entries;
    }

    public static async Task<long> LedgerSizeAsync(GrantsHost host)
    {
        await using var db = new NpgsqlConnection(host.Database);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM ledger.entries", db);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The files under the online store's staging prefix of a submission.</summary>
    public static string[] StagedFiles(GrantsHost host, Guid submission)
    {
        var folder = Path.Combine(host.DataDirectory, "online", "staging", submission.ToString("N"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
