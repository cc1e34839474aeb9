using Archive.Api.Backup;
using Archive.Api.Tests.Infrastructure;
using Archive.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Api.Tests.Backup;

/// <summary>
/// A host with a WAL spool and a backup connection schedules both backup jobs on their configured crons and can build
/// the job; a host on the same database without them (the test hosts, an external database) removes the schedules.
/// </summary>
public sealed class BackupSchedulingTests
{
    [Fact]
    public async Task Host_SchedulesWalShippingAndBaseBackups_OnlyWhileTheyAreConfigured()
    {
        var database = await TestServices.CreateDatabaseAsync("backup-jobs");
        var data = Directory.CreateTempSubdirectory("archive-backup-jobs-").FullName;
        try
        {
            await using (var host = await ArchiveApiFactory.CreateAsync(
                new Dictionary<string, string?>
                {
                    ["ARCHIVE_BACKUP_SPOOL"] = Path.Combine(data, "pg-wal-spool"),
                    ["ARCHIVE_BACKUP_DB"] = $"Host={data}/run;Username=archive_backup;Passfile={data}/db.pgpass",
                    ["ARCHIVE_BACKUP_WAL_CRON"] = "*/2 * * * *",
                },
                database, data))
            {
                var jobs = RecurringJobs(host);
                Assert.Equal("*/2 * * * *", jobs[DatabaseBackupJob.WalJobId].Cron);
                Assert.Equal(BackupSettings.DefaultBaseCron, jobs[DatabaseBackupJob.BaseJobId].Cron);
                using var scope = host.Services.CreateScope();
                Assert.NotNull(scope.ServiceProvider.GetRequiredService<DatabaseBackupJob>());
            }

            await using (var host = await ArchiveApiFactory.CreateAsync(database: database, dataDirectory: data))
            {
                var jobs = RecurringJobs(host);
                Assert.DoesNotContain(DatabaseBackupJob.WalJobId, jobs.Keys);
                Assert.DoesNotContain(DatabaseBackupJob.BaseJobId, jobs.Keys);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Dictionary<string, RecurringJobDto> RecurringJobs(ArchiveApiFactory host)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().ToDictionary(j => j.Id);
    }
}
