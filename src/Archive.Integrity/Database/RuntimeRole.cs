using Archive.Integrity.Ledger;
using Npgsql;

namespace Archive.Integrity.Database;

/// <summary>
/// What the role of a runtime connection could do to the ledger behind the application's back: a superuser, or the
/// owner of a ledger table (or a member of its owner), can disable the append-only triggers and rewrite history.
/// </summary>
/// <param name="Name">The role the connection runs as.</param>
/// <param name="IsSuperuser">Whether the role is a superuser (or may bypass row security and triggers as one).</param>
/// <param name="OwnsLedger">Whether the role owns, or is a member of the owner of, a table in schema <c>ledger</c>.</param>
public sealed record RuntimeRole(string Name, bool IsSuperuser, bool OwnsLedger)
{
    /// <summary>Whether the role can rewrite the ledger (superuser or owner); the application role must not.</summary>
    public bool CanRewriteLedger => IsSuperuser || OwnsLedger;

    /// <summary>Inspects the role of <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">The runtime connection string (<c>ARCHIVE_DB</c>).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static async Task<RuntimeRole> InspectAsync(string connectionString, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        const string sql = """
            SELECT current_user::text,
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                   EXISTS (SELECT 1 FROM pg_tables t
                           WHERE t.schemaname = @schema AND pg_has_role(current_user, t.tableowner, 'MEMBER'))
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("schema", LedgerSchema.Name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new RuntimeRole(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }
}
