using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Ingest.Submissions;
using Npgsql;

namespace Archive.Api.Principals;

/// <summary>Binding a trading system to the project codes its platform may submit (编号归属).</summary>
public sealed partial class PrincipalStore
{
    /// <summary>Replaces the codes an <c>ingest</c> principal may submit, ledgered as <c>principal.codes-bound</c>.</summary>
    /// <param name="id">The ingest principal.</param>
    /// <param name="codes">What it may submit from now on.</param>
    /// <param name="by">The administrator binding it, or null for the operator's import.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">Not found or revoked (<c>principal.not-found</c>), or not a trading system (<c>principal.not-ingest</c>).</exception>
    public async Task<Principal> BindCodesAsync(Guid id, CodeOwnership codes, Guid? by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(codes);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var bound = await BindCodesAsync(conn, tx, id, codes, by, ct);
        await tx.CommitAsync(ct);
        return bound;
    }

    /// <summary>As <see cref="BindCodesAsync(Guid, CodeOwnership, Guid?, CancellationToken)"/>, inside the caller's transaction.</summary>
    /// <param name="conn">An open connection.</param>
    /// <param name="tx">Its transaction.</param>
    /// <param name="id">The ingest principal.</param>
    /// <param name="codes">What it may submit from now on.</param>
    /// <param name="by">The administrator binding it, or null for the operator's import.</param>
    /// <param name="ct">Cancels the work.</param>
    /// <exception cref="PrincipalException">Not found or revoked, or not a trading system.</exception>
    public async Task<Principal> BindCodesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CodeOwnership codes, Guid? by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var principal = await LockAsync(conn, tx, id, ct);
        if (principal is null || principal.RevokedAt is not null)
        {
            throw PrincipalException.NotFound();
        }

        if (principal.Role != Roles.Ingest)
        {
            throw new PrincipalException(ErrorKind.Conflict, "principal.not-ingest", "只有交易系统（ingest）主体可以登记编号归属。");
        }

        var regions = codes.Regions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var prefixes = codes.CodePrefixes.Select(p => p.Normalize(System.Text.NormalizationForm.FormC)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using (var cmd = new NpgsqlCommand("UPDATE api.principals SET region_codes = $2, code_prefixes = $3 WHERE id = $1", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = regions });
            cmd.Parameters.Add(new() { Value = prefixes });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await ledger.AppendInTransactionAsync(conn, tx, "principal.codes-bound", new JsonObject
        {
            ["principal"] = id.ToString(),
            ["platform"] = principal.Organization,
            ["regions"] = new JsonArray(regions.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["codePrefixes"] = new JsonArray(prefixes.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            ["by"] = by?.ToString(),
        }, null, ct);
        return principal with { Codes = new CodeOwnership(regions, prefixes) };
    }
}
