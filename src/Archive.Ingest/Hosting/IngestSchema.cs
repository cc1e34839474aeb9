using Archive.Integrity.Database;

namespace Archive.Ingest.Hosting;

/// <summary>Ingest's PostgreSQL schema <c>ingest</c> and its migrations.</summary>
public static class IngestSchema
{
    /// <summary>The schema owned by ingest.</summary>
    public const string Name = "ingest";

    /// <summary>Creates or upgrades schema <c>ingest</c>; safe when several processes start at once.</summary>
    /// <param name="connectionString">Npgsql connection string of a role allowed to create the schema.</param>
    /// <param name="ct">Cancels waiting for the migration lock.</param>
    /// <exception cref="InvalidOperationException">A migration failed.</exception>
    public static async Task MigrateAsync(string connectionString, CancellationToken ct)
    {
        // Sealing records chunk digests and registers sealed objects in custody's schema.
        await Archive.Integrity.Custody.CustodySchema.MigrateAsync(connectionString, ct);
        await SchemaMigrator.RunAsync(connectionString, Name, typeof(IngestSchema).Assembly, "Archive.Ingest.Migrations.ingest_", ct);
    }
}
