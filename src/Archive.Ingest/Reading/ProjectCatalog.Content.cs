using NodaTime;
using Npgsql;

namespace Archive.Ingest.Reading;

public sealed partial class ProjectCatalog
{
    /// <summary>
    /// Locates a sealed version: <paramref name="version"/>, or the latest when null. Null when the project does not
    /// exist or has no such version (use <see cref="ExistsAsync"/> to tell which).
    /// </summary>
    /// <param name="code">The project code as sent.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<SealedVersion?> FindVersionAsync(string code, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(code);
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT p.code, p.storage_segment, v.version, v.manifest_sha256, v.sealed_at
            FROM ingest.projects p JOIN ingest.versions v ON v.project_code = p.code
            WHERE p.code = $1 AND v.version = coalesce($2, p.latest_version)
            """);
        cmd.Parameters.Add(new() { Value = Normalize(code) });
        cmd.Parameters.Add(new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new SealedVersion(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetFieldValue<Instant>(4))
            : null;
    }

    /// <summary>Every sealed version of <paramref name="projects"/> (null: of all projects), by project and version.</summary>
    /// <param name="projects">Normalised project codes, or null.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyList<SealedVersion>> SealedVersionsAsync(IReadOnlyCollection<string>? projects, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT p.code, p.storage_segment, v.version, v.manifest_sha256, v.sealed_at
            FROM ingest.projects p JOIN ingest.versions v ON v.project_code = p.code
            WHERE $1::text[] IS NULL OR p.code = ANY($1)
            ORDER BY p.code COLLATE "C", v.version
            """);
        cmd.Parameters.Add(new() { Value = (object?)projects?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var versions = new List<SealedVersion>();
        while (await r.ReadAsync(ct))
        {
            versions.Add(new SealedVersion(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetFieldValue<Instant>(4)));
        }

        return versions;
    }

    /// <summary>The exact stored manifest bytes of a version.</summary>
    /// <param name="version">A version found by <see cref="FindVersionAsync"/>.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <exception cref="InvalidOperationException">The version row disappeared (sealed versions are never deleted outside disposition).</exception>
    public async Task<byte[]> ManifestBytesAsync(SealedVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        await using var cmd = dataSource.CreateCommand("SELECT manifest FROM ingest.versions WHERE project_code = $1 AND version = $2");
        cmd.Parameters.Add(new() { Value = version.ProjectCode });
        cmd.Parameters.Add(new() { Value = version.Version });
        return await cmd.ExecuteScalarAsync(ct) as byte[]
            ?? throw new InvalidOperationException($"Version {version.Version} of project '{version.ProjectCode}' has no manifest row.");
    }

    /// <summary>One item of a version by its exact (NFC) path, or null.</summary>
    /// <param name="version">A version found by <see cref="FindVersionAsync"/>.</param>
    /// <param name="path">The normalised item path.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<SealedItem?> FindItemAsync(SealedVersion version, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(path);
        var items = await ItemsAsync(version, path, ct);
        return items.Count == 1 ? items[0] : null;
    }

    /// <summary>Every item of a version, by path (ordinal).</summary>
    /// <param name="version">A version found by <see cref="FindVersionAsync"/>.</param>
    /// <param name="ct">Cancels the query.</param>
    public Task<IReadOnlyList<SealedItem>> ItemsAsync(SealedVersion version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        return ItemsAsync(version, null, ct);
    }

    private async Task<IReadOnlyList<SealedItem>> ItemsAsync(SealedVersion version, string? path, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            """
            SELECT path, role, media_type, size, sha256, object_key, sm3 FROM ingest.version_items
            WHERE project_code = $1 AND version = $2 AND ($3::text IS NULL OR path = $3)
            ORDER BY path COLLATE "C"
            """);
        cmd.Parameters.Add(new() { Value = version.ProjectCode });
        cmd.Parameters.Add(new() { Value = version.Version });
        cmd.Parameters.Add(new() { Value = (object?)path ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<SealedItem>();
        while (await r.ReadAsync(ct))
        {
            items.Add(new SealedItem(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5)) { Sm3 = r.GetString(6) });
        }

        return items;
    }
}
