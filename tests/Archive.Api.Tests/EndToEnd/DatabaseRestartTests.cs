using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Archive.Testing;
using Xunit.Abstractions;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Issue 12 §2: PostgreSQL restarted under load. A host on a cluster of the test's own (never the shared test cluster)
/// takes a steady stream of submissions (open, upload, seal), catalogue searches and ledger proofs while the cluster is
/// restarted twice (<c>-m fast</c>, then <c>-m immediate</c>). Every answer is a success or a clean 503 problem
/// (<c>database.unavailable</c> or another stable code, a Chinese message) — never a 500, a dropped connection or a hang —;
/// the service resumes by itself; every accepted seal is archived exactly once, the ledger verifies, and no job ran twice
/// at once although its heartbeat could not reach the database for a while.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_request_succeeds_or_fails_cleanly_and_the_service_resumes_when_PostgreSQL_restarts_under_load()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        var settings = await ChildHost.NewSettingsAsync();
        foreach (var (key, value) in pg.HostDatabaseSettings)
        {
            settings[key] = value;
        }

        // A seal stopped by the restart is retried within 5 s (Hangfire's own first delay is up to 45 s).
        settings["ARCHIVE_JOB_RETRY_MAX_SECONDS"] = "5";
        // A scheduler's lock held while the database went away cannot be released; it is taken over after 15 s, not 10 min.
        settings["ARCHIVE_JOB_LOCK_SECONDS"] = "15";
        var host = await ChildHost.StartAsync(settings);
        try
        {
            var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(host.ClientWith(settings["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"]));
            var answers = new ConcurrentQueue<Answer>();
            var sealedSubmissions = new ConcurrentQueue<Guid>();
            using var stop = new CancellationTokenSource();
            var load = new List<Task>
            {
                Task.Run(() => SubmitAsync(host, ingestToken, answers, sealedSubmissions, stop.Token)),
                Task.Run(() => SubmitAsync(host, ingestToken, answers, sealedSubmissions, stop.Token)),
                Task.Run(() => ReadAsync(host, archivistToken, answers, stop.Token)),
            };

            await Task.Delay(TimeSpan.FromSeconds(3));
            await pg.RestartAsync("fast");
            await Task.Delay(TimeSpan.FromSeconds(4));
            await pg.RestartAsync("immediate");
            var restarted = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(6));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var all = answers.ToList();
            foreach (var group in all.GroupBy(a => (a.What, a.Status, a.Code)))
            {
                output.WriteLine($"{group.Key.What} {group.Key.Status} {group.Key.Code}: {group.Count()}");
            }

            Assert.All(all, a => Assert.True(a.Status is < 500 or 503 && a.Code != "internal", $"{a.What}: {a.Status} {a.Code} {a.Detail}"));
            Assert.All(all.Where(a => a.Status == 503), a => Assert.True(a.Chinese, $"{a.What}: 503 {a.Code} without a Chinese message"));
            Assert.Contains(all, a => a.At > restarted && a.Status < 300 && a.What == "seal");
            Assert.Contains(all, a => a.At > restarted && a.Status < 300 && a.What == "proof");

            using var ingest = host.ClientWith(ingestToken);
            var indexes = new List<long>();
            foreach (var id in sealedSubmissions)
            {
                indexes.Add((await ingest.WaitForArchivedAsync(id, TimeSpan.FromSeconds(60))).GetProperty("ledgerIndex").GetInt64());
            }

            using var archivist = host.ClientWith(archivistToken);
            var seals = await LedgerInvariants.AssertSealsAsync(archivist);
            Assert.Equal(sealedSubmissions.Count, seals.Values.Sum(s => s.Count));
            await LedgerProofs.AssertVerifiesWithGoAsync(archivist, indexes.Max());

            // Job heartbeats fail while the database is down: still no job was taken again while it ran.
            JobExecutions.AssertNeverTwiceAtOnce(JobExecutions.Of(host));
        }
        finally
        {
            // For a failure's diagnosis: the jobs the host ran and what failed.
            foreach (var line in host.Lines.Where(l => l.Contains("Job ", StringComparison.Ordinal) || l.Contains("Exception (", StringComparison.Ordinal) || l.Contains("Retry attempt", StringComparison.Ordinal)).TakeLast(80))
            {
                output.WriteLine(line);
            }

            await host.DisposeAsync();
            Directory.Delete(settings["ARCHIVE_DATA_DIR"]!, recursive: true);
        }
    }

    private static async Task SubmitAsync(ChildHost host, string token, ConcurrentQueue<Answer> answers, ConcurrentQueue<Guid> sealedSubmissions, CancellationToken stop)
    {
        using var client = host.ClientWith(token);
        client.Timeout = Hang;
        while (!stop.IsCancellationRequested)
        {
            // A client retries a step that failed cleanly; a submission it could not open is left as it is (open, whole).
            var code = SampleProject.NewCode();
            var opened = await SendAsync("open", answers, () => client.PostAsJsonAsync("/api/v1/submissions", SampleProject.Metadata(code)));
            if (opened is not { StatusCode: HttpStatusCode.Created })
            {
                await Task.Delay(500, CancellationToken.None);
                continue;
            }

            var id = (await opened.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetGuid();
            foreach (var (path, role, type, bytes) in SampleProject.RequiredItems())
            {
                while ((await SendAsync("upload", answers, () => client.PutItemAsync(id, path, role, type, bytes)))?.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                {
                    await Task.Delay(500, CancellationToken.None);
                }
            }

            HttpResponseMessage? seal;
            while ((seal = await SendAsync("seal", answers, () => client.PostAsync($"/api/v1/submissions/{id}/seal", null)))?.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict))
            {
                await Task.Delay(500, CancellationToken.None);
            }

            sealedSubmissions.Enqueue(id);
        }
    }

    private static async Task ReadAsync(ChildHost host, string token, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        using var client = host.ClientWith(token);
        client.Timeout = Hang;
        while (!stop.IsCancellationRequested)
        {
            await SendAsync("search", answers, () => client.GetAsync("/api/v1/projects?q=Z530100"));
            await SendAsync("proof", answers, () => client.GetAsync("/api/v1/ledger/proof/inclusion?index=0&treeSize=1"));
            await Task.Delay(100, CancellationToken.None);
        }
    }

    // Records the answer; a dropped connection or a hang is recorded as status 0 (which the test refuses).
    private static async Task<HttpResponseMessage?> SendAsync(string what, ConcurrentQueue<Answer> answers, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            var response = await send();
            if (response.IsSuccessStatusCode)
            {
                answers.Enqueue(new(what, (int)response.StatusCode, null, true, DateTimeOffset.UtcNow, null));
                return response;
            }

            var body = await response.Content.ReadAsStringAsync();
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(body).RootElement : (JsonElement?)null;
            var code = problem?.TryGetProperty("code", out var c) == true ? c.GetString() : null;
            var chinese = problem?.TryGetProperty("detail", out var d) == true && d.GetString()!.Any(ch => ch is >= '\u4e00' and <= '\u9fff');
            answers.Enqueue(new(what, (int)response.StatusCode, code, chinese, DateTimeOffset.UtcNow, body.Length > 300 ? body[..300] : body));
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            answers.Enqueue(new(what, 0, null, false, DateTimeOffset.UtcNow, e.GetType().Name + ": " + e.Message));
            return null;
        }
    }

    private sealed record Answer(string What, int Status, string? Code, bool Chinese, DateTimeOffset At, string? Detail);
}
