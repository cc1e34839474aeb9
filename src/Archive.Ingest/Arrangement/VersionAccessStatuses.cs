using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Retention;
using Archive.Integrity.Ledger;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Arrangement;

/// <summary>Sets (archivists) and reads the open/closed status and 密级 of sealed versions; each change is ledgered.</summary>
public sealed class VersionAccessStatuses(NpgsqlDataSource dataSource, ILedger ledger, IClock clock)
{
    /// <summary>The ledger entry type of a change.</summary>
    public const string EntryType = "version.access-status-set";

    /// <summary>Sets a version's status (<c>version.access-status-set</c>).</summary>
    /// <param name="actor">The archivist.</param>
    /// <param name="projectCode">The (normalised) project code.</param>
    /// <param name="version">The sealed version.</param>
    /// <param name="openStatus">One of <see cref="VersionAccessStatus.OpenStatuses"/>.</param>
    /// <param name="classification">One of <see cref="VersionAccessStatus.Classifications"/>.</param>
    /// <param name="reason">Optional reason, recorded in the entry.</param>
    /// <param name="ct">Cancels the work; nothing changes then.</param>
    /// <returns>The new status.</returns>
    /// <exception cref="RetentionException">An unknown value (400) or no such sealed version (404).</exception>
    public async Task<VersionAccessStatus> SetAsync(
        RetentionActor actor, string projectCode, int version, string? openStatus, string? classification, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (openStatus is null || !VersionAccessStatus.OpenStatuses.Contains(openStatus))
        {
            throw new RetentionException(ErrorKind.Invalid, "access-status.open-status", "openStatus 须为 open（开放）或 closed（不开放）。", "openStatus");
        }

        if (classification is null || !VersionAccessStatus.Classifications.Contains(classification))
        {
            throw new RetentionException(ErrorKind.Invalid, "access-status.classification",
                "classification（密级）须为 public（公开）、internal（内部）、secret（秘密）、confidential（机密）或 top-secret（绝密）。", "classification");
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var find = new NpgsqlCommand("SELECT 1 FROM ingest.versions WHERE project_code = $1 AND version = $2 FOR UPDATE", conn, tx))
        {
            find.Parameters.Add(new() { Value = projectCode });
            find.Parameters.Add(new() { Value = version });
            if (await find.ExecuteScalarAsync(ct) is null)
            {
                throw new RetentionException(ErrorKind.NotFound, "version.not-found", "该项目没有此封存版本。");
            }
        }

        var entry = await ledger.AppendInTransactionAsync(conn, tx, EntryType, new JsonObject
        {
            ["project"] = projectCode,
            ["version"] = version,
            ["openStatus"] = openStatus,
            ["classification"] = classification,
            ["reason"] = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            ["principal"] = actor.Id.ToString(),
            ["principalName"] = actor.Name,
        }, null, ct);
        await RetentionQueries.ExecuteAsync(conn, tx,
            """
            INSERT INTO ingest.version_access (project_code, version, open_status, classification, set_by, set_at, ledger_index)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (project_code, version) DO UPDATE SET open_status = $3, classification = $4, set_by = $5, set_at = $6, ledger_index = $7
            """, ct, projectCode, version, openStatus, classification, actor.Id, clock.GetCurrentInstant(), entry.Index);
        await tx.CommitAsync(ct);
        return new VersionAccessStatus(openStatus, classification, entry.Index);
    }

    /// <summary>The status of every version of a project that has one (version → status).</summary>
    /// <param name="projectCode">The (normalised) project code.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyDictionary<int, VersionAccessStatus>> OfProjectAsync(string projectCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT version, open_status, classification, ledger_index FROM ingest.version_access WHERE project_code = $1");
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var statuses = new Dictionary<int, VersionAccessStatus>();
        while (await r.ReadAsync(ct))
        {
            statuses[r.GetInt32(0)] = new VersionAccessStatus(r.GetString(1), r.GetString(2), r.GetInt64(3));
        }

        return statuses;
    }
}
