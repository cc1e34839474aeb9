using Archive.Api.Tests.Infrastructure;
using Archive.Api.Tests.Verification;
using Xunit.Abstractions;

namespace Archive.Api.Tests.EndToEnd;

/// <summary>
/// Issue 12 §2: three real host processes, all in role <c>all</c> (each serves requests and runs jobs), on one
/// database and one data folder; one of them is SIGKILLed while it runs a seal out of a stream of seals
/// (ARCHIVE_FAULT_INJECTION makes it kill itself once its first seal's ledger entry is written, before the seal is
/// confirmed), and started again. Every seal completes exactly once, the ledger has no gap or duplicate, the Go
/// verifier accepts the last seal's inclusion in the signed tree, and the hosts' job-execution log lines
/// (JobExecutionLog) show that no Hangfire job ever ran on two processes at once: the killed seal's job is taken
/// again only after its process died.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MultiProcessTests(ITestOutputHelper output)
{
    private const int Submissions = 9;

    [Fact]
    public async Task Every_seal_completes_exactly_once_and_no_job_runs_twice_at_once_when_one_of_three_job_hosts_is_killed()
    {
        var settings = await ChildHost.NewSettingsAsync();
        var hosts = new ChildHost[3];
        try
        {
            // The first host migrates alone; the others start on the migrated database together.
            hosts[0] = await ChildHost.StartAsync(settings);
            var doomed = new Dictionary<string, string?>(settings) { ["ARCHIVE_FAULT_INJECTION"] = "seal-after:Ledger" };
            var others = await Task.WhenAll(ChildHost.StartAsync(doomed), ChildHost.StartAsync(settings));
            (hosts[1], hosts[2]) = (others[0], others[1]);
            var (ingestToken, archivistToken) = await IngestFlow.PrincipalsAsync(hosts[0].ClientWith(settings["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"]));

            var submissions = new List<(string Code, Guid Id)>();
            for (var i = 0; i < Submissions; i++)
            {
                using var ingest = hosts[i % 3].ClientWith(ingestToken);
                var code = SampleProject.NewCode();
                var id = await IngestFlow.OpenAsync(ingest, code);
                await IngestFlow.UploadAsync(ingest, id, SampleProject.RequiredItems());
                submissions.Add((code, id));
            }

            // All three take jobs from the shared queue. Hangfire.PostgreSql wakes a process's own idle worker when that
            // process enqueues (others find the job at their next poll), so the second seal is requested through the
            // doomed host, which then surely runs a seal; the others go through the hosts that live on.
            for (var i = 0; i < Submissions; i++)
            {
                using var ingest = hosts[i == 1 ? 1 : i % 2 * 2].ClientWith(ingestToken);
                await IngestFlow.SealAsync(ingest, submissions[i].Id);
            }

            // The second host dies in the middle of the first seal it takes; it comes back without the fault.
            var victim = hosts[1];
            Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"host {victim.ProcessId} never took a seal:\n{victim.Tail}");
            output.WriteLine($"host {victim.ProcessId} killed itself mid-seal");
            var executions = new List<JobExecutions.Execution>(JobExecutions.Of(victim));
            await victim.DisposeAsync();
            hosts[1] = null!;
            hosts[1] = await ChildHost.StartAsync(settings);

            using var poll = hosts[0].ClientWith(ingestToken);
            var versions = new List<long>();
            foreach (var (_, id) in submissions)
            {
                var state = await poll.WaitForArchivedAsync(id, TimeSpan.FromSeconds(120));
                Assert.Equal(1, state.GetProperty("version").GetInt32());
                versions.Add(state.GetProperty("ledgerIndex").GetInt64());
            }

            using var archivist = hosts[2].ClientWith(archivistToken);
            var seals = await LedgerInvariants.AssertSealsAsync(archivist);
            Assert.Equal(submissions.Select(s => s.Code).Order(StringComparer.Ordinal), seals.Keys.Order(StringComparer.Ordinal));
            Assert.All(seals.Values, s => Assert.Single(s));
            Assert.Equal(Submissions, versions.Distinct().Count());
            Assert.Equal(Submissions, (await LedgerReading.AllEntriesAsync(archivist)).Count(e => e.GetProperty("type").GetString() == "package.sealed"));
            await LedgerProofs.AssertVerifiesWithGoAsync(archivist, versions.Max());

            executions.AddRange(hosts.SelectMany(JobExecutions.Of));
            var killed = Assert.Single(executions, e => e.Outcome == "killed");
            Assert.Equal("SealingJob.RunAsync", killed.Method);
            Assert.Contains(executions, e => e.JobId == killed.JobId && e.Started > killed.Started && e.Outcome == "succeeded");
            // Seals ran on several processes at a time, not one after another on one.
            Assert.True(executions.Where(e => e.Method == "SealingJob.RunAsync").Select(e => e.Process).Distinct().Count() >= 2);
            foreach (var e in executions.Where(e => e.Method == "SealingJob.RunAsync"))
            {
                output.WriteLine($"{e.JobId} on {e.Process}: {e.Started:HH:mm:ss.fff}..{e.Ended:HH:mm:ss.fff} {e.Outcome}");
            }

            JobExecutions.AssertNeverTwiceAtOnce(executions);
        }
        finally
        {
            foreach (var host in hosts.Where(h => h is not null))
            {
                await host.DisposeAsync();
            }

            Directory.Delete(settings["ARCHIVE_DATA_DIR"]!, recursive: true);
        }
    }
}
