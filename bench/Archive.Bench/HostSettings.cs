using Archive.Testing;
using Npgsql;

namespace Archive.Bench;

/// <summary>A host on a new database and data folder with filesystem stores, configured as in production except where noted.</summary>
internal sealed record HostSettings(string Superuser, string DataDirectory, string AdminToken, IReadOnlyDictionary<string, string> Variables)
{
    public static async Task<HostSettings> CreateAsync(string work, string name)
    {
        var superuser = WithDefaultPool(await TestServices.CreateDatabaseAsync("bench"));
        var data = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
        var token = "bench-admin-" + Guid.NewGuid().ToString("N");
        var variables = new Dictionary<string, string>
        {
            ["ARCHIVE_DB"] = TestServices.AsRole(superuser, TestServices.AppRole),
            ["ARCHIVE_DB_OWNER"] = TestServices.AsRole(superuser, TestServices.OwnerRole),
            ["ARCHIVE_DATA_DIR"] = data,
            ["ARCHIVE_ONLINE"] = "file:" + Path.Combine(data, "online"),
            ["ARCHIVE_OFFLINE"] = "file:" + Path.Combine(data, "offline"),
            ["ARCHIVE_BOOTSTRAP_ADMIN_TOKEN"] = token,
            // Not production: a checkpoint every second (a seal waits for one), jobs polled every second, the scrub not
            // throttled (it is measured against the machine), the synthetic recording not probed by ffmpeg (it is no
            // real video) and scanned with the EICAR-only test signatures.
            ["ARCHIVE_CHECKPOINT_SECONDS"] = "1",
            ["ARCHIVE_JOB_POLL_SECONDS"] = "1",
            ["ARCHIVE_VERIFY_READ_MBPS"] = "0",
            ["ARCHIVE_PROBE_MEDIA"] = "false",
            ["ARCHIVE_CLAMAV_DB"] = TestServices.ClamAvTestDatabase,
        };
        return new HostSettings(superuser, data, token, variables);
    }

    // The tests' connection strings keep pools at 10 connections; the host runs with Npgsql's defaults, as in production.
    private static string WithDefaultPool(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var key in new[] { "Maximum Pool Size", "Connection Idle Lifetime", "Connection Pruning Interval", "Timeout" })
        {
            builder.Remove(key);
        }
        return builder.ConnectionString;
    }
}
