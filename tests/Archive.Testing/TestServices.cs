using Npgsql;

namespace Archive.Testing;

/// <summary>
/// The real services the integration tests run against, as started by <c>./archive test</c>
/// (or <c>./archive services</c> during development). A missing service fails the test; it never skips.
/// </summary>
public static class TestServices
{
    /// <summary>Connection string of a PostgreSQL superuser on the test cluster.</summary>
    public static string PostgresAdmin => Required("ARCHIVE_TEST_DB");

    /// <summary>The s3rver endpoint as an <c>s3://</c> URI without a bucket.</summary>
    public static string S3 => Required("ARCHIVE_TEST_S3");

    /// <summary>The Azurite blob connection string.</summary>
    public static string Azure => Required("ARCHIVE_TEST_AZURE");

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

    /// <summary>Creates an empty database of its own for one test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = UniqueName(prefix.ToLowerInvariant());
        await using (var conn = new NpgsqlConnection(PostgresAdmin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run the tests through ./archive test (or source the output of ./archive services).");
}
