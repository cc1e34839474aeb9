using Archive.Integrity.Ledger;
using Npgsql;

namespace Archive.Integrity.Database;

/// <summary>
/// Gives the application's runtime role exactly what it needs on the schemas the migrating (owner) role owns, after
/// every migration has run: read and write on ordinary tables and sequences, but on <c>ledger.*</c> only
/// <c>SELECT</c> and <c>INSERT</c> — no <c>UPDATE</c>, <c>DELETE</c>, <c>TRUNCATE</c>, and (not being the owner) no
/// <c>ALTER TABLE … DISABLE TRIGGER</c>. Granting per schema on <c>ALL TABLES</c> covers tables that later migrations add.
/// </summary>
public static class RuntimeGrants
{
    /// <summary>
    /// Grants <paramref name="runtimeRole"/> its privileges on every schema owned by the role of
    /// <paramref name="ownerConnectionString"/> (system schemas and <c>public</c> excepted). Idempotent; serialised with
    /// the migrations by the same advisory lock.
    /// </summary>
    /// <param name="ownerConnectionString">Npgsql connection string of the role that ran the migrations.</param>
    /// <param name="runtimeRole">The role the application connects as at runtime.</param>
    /// <param name="ct">Cancels the run; nothing of an unfinished run is kept.</param>
    /// <exception cref="ArgumentException">An argument is empty, or the runtime role is the owner itself.</exception>
    public static async Task ApplyAsync(string ownerConnectionString, string runtimeRole, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeRole);

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaMigrator.MigrationLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        var (owner, schemas) = await OwnedSchemasAsync(connection, transaction, ct);
        if (string.Equals(owner, runtimeRole, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The runtime role '{runtimeRole}' is the owner of the schemas; grants need a separate role.", nameof(runtimeRole));
        }

        var role = Quote(runtimeRole);
        foreach (var schema in schemas)
        {
            var s = Quote(schema);
            await ExecuteAsync(connection, transaction, $"GRANT USAGE ON SCHEMA {s} TO {role}", ct);
            if (schema == LedgerSchema.Name)
            {
                // Append-only: revoke anything a wider grant of an earlier version may have left.
                await ExecuteAsync(connection, transaction, $"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {role}", ct);
                await ExecuteAsync(connection, transaction, $"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {s} TO {role}", ct);
                await ExecuteAsync(connection, transaction, $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {role}", ct);
                await ExecuteAsync(connection, transaction, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {role}", ct);
            }
            else
            {
                await ExecuteAsync(connection, transaction, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {role}", ct);
                await ExecuteAsync(connection, transaction, $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {role}", ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<(string Owner, List<string> Schemas)> OwnedSchemasAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        const string sql = """
            SELECT current_user::text, n.nspname::text
            FROM pg_namespace n
            WHERE n.nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
              AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public')
            ORDER BY n.nspname
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var owner = "";
        var schemas = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            owner = reader.GetString(0);
            schemas.Add(reader.GetString(1));
        }

        return (owner, schemas);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
