using System.Reflection;
using DbUp;
using Npgsql;

namespace Archive.Integrity.Database;

/// <summary>
/// Brings one project's PostgreSQL schema up to date from plain-SQL migrations embedded in an
/// assembly, run by DbUp in a single transaction and journalled in <c>&lt;schema&gt;.schemaversions</c>.
/// Each project owns one schema; several processes may start at once, because the whole run
/// holds a PostgreSQL advisory lock.
/// </summary>
public static class SchemaMigrator
{
    // One well-known key for every schema: migrations are rare and short, so serialising them all is cheap.
    // The runtime grants (RuntimeGrants) take it too: concurrent GRANTs on one table fail with "tuple concurrently updated".
    internal const long MigrationLockKey = 0x4152_4348_4D49_4752; // "ARCHMIGR"

    /// <summary>
    /// Creates <paramref name="schema"/> if needed and runs, in name order, every embedded resource of
    /// <paramref name="assembly"/> whose name starts with <paramref name="resourcePrefix"/> and ends in
    /// <c>.sql</c> that the schema's journal does not list yet.
    /// </summary>
    /// <param name="connectionString">Npgsql connection string of a role allowed to create the schema.</param>
    /// <param name="schema">The schema owned by the calling project, e.g. <c>ledger</c> or <c>api</c>.</param>
    /// <param name="assembly">The assembly holding the scripts as embedded resources.</param>
    /// <param name="resourcePrefix">Prefix of the scripts' resource names, e.g. <c>Archive.Integrity.Migrations.ledger_</c>.</param>
    /// <param name="ct">Cancels waiting for the lock; a started DbUp run completes or rolls back.</param>
    /// <exception cref="ArgumentException">An argument is empty or the schema name is not a plain identifier.</exception>
    /// <exception cref="InvalidOperationException">A migration failed; nothing of the run is kept.</exception>
    public static async Task RunAsync(
        string connectionString, string schema, Assembly assembly, string resourcePrefix, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourcePrefix);
        if (!IsPlainIdentifier(schema))
        {
            throw new ArgumentException($"Schema name '{schema}' must be a lower-case identifier.", nameof(schema));
        }

        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(ct);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({MigrationLockKey})", ct);
        try
        {
            await ExecuteAsync(lockConnection, $"CREATE SCHEMA IF NOT EXISTS {schema}", ct);
            // DbUp is synchronous; keep it off the caller's thread.
            var result = await Task.Run(
                () => DeployChanges.To
                    .PostgresqlDatabase(connectionString, schema)
                    .WithScriptsEmbeddedInAssembly(
                        assembly,
                        name => name.StartsWith(resourcePrefix, StringComparison.Ordinal)
                            && name.EndsWith(".sql", StringComparison.Ordinal))
                    .JournalToPostgresqlTable(schema, "schemaversions")
                    .WithVariablesDisabled()
                    .WithTransaction()
                    .LogToNowhere()
                    .Build()
                    .PerformUpgrade(),
                ct);
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Migration of schema '{schema}' failed at script '{result.ErrorScript?.Name}': {result.Error?.Message}",
                    result.Error);
            }
        }
        finally
        {
            // Unlock even when the caller gave up; the session lock would otherwise outlive us in the pool.
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static bool IsPlainIdentifier(string name) =>
        name.Length <= 63
        && name[0] is >= 'a' and <= 'z' or '_'
        && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
