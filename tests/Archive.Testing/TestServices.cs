using Npgsql;

namespace Archive.Testing;

/// <summary>
/// The real services the integration tests run against, as started by <c>./archive test</c>
/// (or <c>./archive services</c> during development). A missing service fails the test; it never skips.
/// </summary>
public static class TestServices
{
    /// <summary>Connection string of the PostgreSQL superuser on the test cluster (password from its password file), with <see cref="WithTestPool"/>'s settings.</summary>
    public static string PostgresAdmin => WithTestPool(Required("ARCHIVE_TEST_DB"));

    /// <summary>The s3rver endpoint as an <c>s3://</c> URI without a bucket.</summary>
    public static string S3 => Required("ARCHIVE_TEST_S3");

    /// <summary>The Azurite blob connection string.</summary>
    public static string Azure => Required("ARCHIVE_TEST_AZURE");

    /// <summary>
    /// <paramref name="connectionString"/> with the pool settings of the tests. A test run holds many pools at once (each
    /// host's data source, its Hangfire storage and migrator, each test's own data sources), each on a database of its
    /// own, so every pool is small and its idle connections close within seconds instead of Npgsql's five minutes:
    /// the test cluster then needs no more than an ordinary <c>max_connections</c>.
    /// </summary>
    public static string WithTestPool(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = true,
        MaxPoolSize = 10,
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
        // A small pool can make a caller wait for a connection on a loaded machine: wait longer than the default 15 s.
        Timeout = 60,
    }.ConnectionString;

    /// <summary>
    /// The repository's ClamAV test signature database (EICAR only — not protection), found by walking up from the
    /// test's folder to <c>tools/clamav/test-signatures.ndb</c>.
    /// </summary>
    public static string ClamAvTestDatabase
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "clamav", "test-signatures.ndb");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("tools/clamav/test-signatures.ndb was not found above the test folder.");
        }
    }

    /// <summary>A short unique lower-case name for a database, bucket or container.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, prefix.Length + 32)];

    /// <summary>The role that owns each test database and runs the migrations (created by <c>scripts/lib.sh</c>).</summary>
    public const string OwnerRole = "archive_owner";

    /// <summary>The application's runtime role (created by <c>scripts/lib.sh</c>), granted its privileges by the migrating host.</summary>
    public const string AppRole = "archive_app";

    /// <summary>
    /// Creates an empty database of its own for one test class, owned by <see cref="OwnerRole"/>, and returns its
    /// superuser connection string (test set-up, inspection and deliberate tampering; see <see cref="AsRole"/>).
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = UniqueName(prefix.ToLowerInvariant());
        await using (var conn = new NpgsqlConnection(PostgresAdmin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER {OwnerRole}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    /// <summary><paramref name="connectionString"/>'s database as <paramref name="role"/> (same password file).</summary>
    public static string AsRole(string connectionString, string role) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role }.ConnectionString;

    /// <summary><paramref name="connectionString"/>'s database as the cluster's superuser.</summary>
    public static string AsSuperuser(string connectionString) =>
        AsRole(connectionString, new NpgsqlConnectionStringBuilder(PostgresAdmin).Username!);

    /// <summary>
    /// The host's database settings for the database of <paramref name="connectionString"/>, as <c>./archive up</c>
    /// sets them: <c>ARCHIVE_DB</c> as the application role, <c>ARCHIVE_DB_OWNER</c> as the owner.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> HostDatabaseSettings(string connectionString) => new Dictionary<string, string?>
    {
        ["ARCHIVE_DB"] = AsRole(connectionString, AppRole),
        ["ARCHIVE_DB_OWNER"] = AsRole(connectionString, OwnerRole),
    };

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run the tests through ./archive test (or source the output of ./archive services).");
}
