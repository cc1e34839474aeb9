using Archive.Ingest.Sealing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Archive.Ingest.Tests.Sealing;

public sealed class SealingRecoveryJobTests
{
    [Fact]
    public async Task RunAsync_ReschedulesOnlyQuietSealingWithoutProblems()
    {
        await using var h = await SealingHarness.CreateAsync();
        var stuck = await h.SubmitAsync("YN-RECOVER-1", SealingHarness.RequiredItems("r1"));
        var broken = await h.SubmitAsync("YN-RECOVER-2", SealingHarness.RequiredItems("r2"));
        await using (var cmd = h.DataSource.CreateCommand("""UPDATE ingest.submissions SET problems = '[{"Code":"seal.online-copy-damaged","Field":null,"Message":"x"}]' WHERE id = $1"""))
        {
            cmd.Parameters.Add(new() { Value = broken });
            await cmd.ExecuteNonQueryAsync();
        }

        h.Clock.Advance(Duration.FromMinutes(10));
        var fresh = await h.SubmitAsync("YN-RECOVER-3", SealingHarness.RequiredItems("r3"));
        var recovery = new SealingRecoveryJob(h.DataSource, h.Scheduler, h.Clock, NullLogger<SealingRecoveryJob>.Instance);
        h.Scheduler.Scheduled.Clear();

        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        Assert.Equal([stuck], h.Scheduler.Scheduled);
        Assert.DoesNotContain(fresh, h.Scheduler.Scheduled);

        // A job that starts counts as activity: not re-scheduled again right away.
        await h.NewJob().RunThroughAsync(stuck, SealingStep.FixVersion, exclusive: true, CancellationToken.None);
        h.Scheduler.Scheduled.Clear();
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
    }
}
