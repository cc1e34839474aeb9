using Archive.Integrity.Database;

namespace Archive.Integrity.Ledger;

/// <summary>The ledger's PostgreSQL schema <c>ledger</c> and its migrations.</summary>
public static class LedgerSchema
{
    /// <summary>The schema owned by the ledger.</summary>
    public const string Name = "ledger";

    /// <summary>Creates or upgrades schema <c>ledger</c>; safe when several processes start at once.</summary>
    /// <param name="connectionString">Npgsql connection string of a role allowed to create the schema.</param>
    /// <param name="ct">Cancels waiting for the migration lock.</param>
    /// <exception cref="InvalidOperationException">A migration failed.</exception>
    public static Task MigrateAsync(string connectionString, CancellationToken ct) =>
        SchemaMigrator.RunAsync(connectionString, Name, typeof(LedgerSchema).Assembly, "Archive.Integrity.Migrations.ledger_", ct);
}
