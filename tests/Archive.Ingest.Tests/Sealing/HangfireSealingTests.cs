using Archive.Integrity.Database;
using Archive.Testing;
using Archive.Ingest.Hosting;
using Archive.Ingest.Sealing;
using Archive.Ingest.Staging;
using Archive.Ingest.Submissions;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;

namespace Archive.Ingest.Tests.Sealing;

/// <summary>The scheduler and recurring jobs against real Hangfire storage (PostgreSQL), with a real Hangfire server.</summary>
public sealed class HangfireSealingTests
{
    [Fact]
    public async Task ScheduleSealing_ArchivesThroughHangfireServer()
    {
        await using var h = await SealingHarness.CreateAsync();
        var storage = await StorageAsync(h);
        var id = await h.SubmitAsync("YN-HANGFIRE-1", SealingHarness.RequiredItems("hf"));

        new HangfireSealingScheduler(new BackgroundJobClient(storage), Microsoft.Extensions.Logging.Abstractions.NullLogger<HangfireSealingScheduler>.Instance).ScheduleSealing(id);
        var enqueued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10).Single().Value;
        Assert.Equal(typeof(SealingJob), enqueued.Job.Type);
        Assert.Equal(id, enqueued.Job.Args[0]);

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, Activator = new HarnessActivator(h) }, storage))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await h.SubmissionAsync(id)).Status != SubmissionStatus.Archived && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }

        await SealingJobTests.AssertArchivedAsync(h, await h.SubmissionAsync(id), expectedVersion: 1, expectedItems: 5);
    }

    [Fact]
    public async Task AddIngestRecurringJobs_RegistersRecoveryAndCleanup()
    {
        await using var h = await SealingHarness.CreateAsync();
        var storage = await StorageAsync(h);

        new RecurringJobManager(storage).AddIngestRecurringJobs();

        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal(IngestSealingServiceCollectionExtensions.RecoveryCron, jobs[SealingRecoveryJob.RecurringJobId].Cron);
        Assert.Equal(typeof(SealingRecoveryJob), jobs[SealingRecoveryJob.RecurringJobId].Job.Type);
        Assert.Equal(typeof(StagingCleanupJob), jobs[StagingCleanupJob.RecurringJobId].Job.Type);
    }

    private static async Task<PostgreSqlStorage> StorageAsync(SealingHarness h)
    {
        // The owner installs Hangfire's schema and the application role uses it, as the host does.
        await using (var owner = new Npgsql.NpgsqlConnection(h.Database.OwnerConnectionString))
        {
            await owner.OpenAsync();
            PostgreSqlObjectsInstaller.Install(owner, "hangfire");
        }

        await RuntimeGrants.ApplyAsync(h.Database.OwnerConnectionString, TestServices.AppRole, CancellationToken.None);
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(h.ConnectionString, options), options);
    }

    private sealed class HarnessActivator(SealingHarness harness) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(SealingJob) ? harness.NewJob() : base.ActivateJob(jobType);
    }
}
