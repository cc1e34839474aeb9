using Archive.Integrity.Database;

namespace Archive.Integrity.Custody;

/// <summary>Custody's PostgreSQL schema <c>custody</c> and its migrations.</summary>
public static class CustodySchema
{
    /// <summary>The schema owned by custody.</summary>
    public const string Name = "custody";

    /// <summary>Creates or upgrades schema <c>custody</c>; safe when several processes start at once.</summary>
    /// <param name="connectionString">Npgsql connection string of a role allowed to create the schema.</param>
    /// <param name="ct">Cancels waiting for the migration lock.</param>
    /// <exception cref="InvalidOperationException">A migration failed.</exception>
    public static Task MigrateAsync(string connectionString, CancellationToken ct) =>
        SchemaMigrator.RunAsync(connectionString, Name, typeof(CustodySchema).Assembly, "Archive.Integrity.Migrations.custody_", ct);
}
