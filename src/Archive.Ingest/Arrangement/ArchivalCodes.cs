using System.Globalization;
using Archive.Ingest.Policies;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Arrangement;

/// <summary>
/// Allocates 档号 in PostgreSQL: one per sealed version, idempotently (a retried seal gets the same code), numbered by a
/// counter row per fonds, category, year and tier that is incremented under its row lock — unique across processes and
/// hosts, never reused (a counter only grows; codes of disposed versions stay taken).
/// </summary>
public sealed partial class ArchivalCodes(NpgsqlDataSource dataSource, ArchivalCodeOptions options)
{
    /// <summary>The category part of a code (DA/T 22-style abbreviations of the trading categories).</summary>
    /// <param name="category">The category slug.</param>
    public static string CategoryCode(string category) => category switch
    {
        TradingCategories.Engineering => "GC",
        TradingCategories.Procurement => "CG",
        TradingCategories.Land => "TD",
        TradingCategories.Mining => "KY",
        TradingCategories.StateAssets => "GZ",
        _ => "QT",
    };

    /// <summary>
    /// The retention tier (保管期限: 永久 <c>Y</c>, 30年 <c>D30</c>, 10年 <c>D10</c>) of items with these roles: the longest
    /// rule that applies, rounded up to a tier (the 15-year floor of <c>other</c> files as 30 years).
    /// </summary>
    /// <param name="policy">The category's policy.</param>
    /// <param name="roles">The version's item roles.</param>
    public static string Tier(RetentionPolicy policy, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(roles);
        var periods = roles.SelectMany(policy.RulesFor).Select(r => r.Period).Append(policy.Retention.Period).ToList();
        if (periods.Any(p => p.IsPermanent))
        {
            return "Y";
        }

        var years = periods.Max(p => p.Years!.Value);
        return years <= 10 ? "D10" : years <= 30 ? "D30" : "Y";
    }

    /// <summary>The 档号 of a version, allocating it on the first call.</summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="version">The version.</param>
    /// <param name="category">The category slug.</param>
    /// <param name="year">The filing year (the seal's year in Asia/Shanghai).</param>
    /// <param name="tier">The retention tier (<see cref="Tier"/>).</param>
    /// <param name="ct">Cancels the transaction.</param>
    public async Task<string> AllocateAsync(string projectCode, int version, string category, int year, string tier, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var fonds = options.FondsCode;
        var categoryCode = CategoryCode(category);
        // The version's row lock first, so a concurrent retry of the same seal waits and then finds the code.
        await using (var existing = new NpgsqlCommand(
            "SELECT archival_code FROM ingest.archival_codes WHERE project_code = $1 AND version = $2 FOR UPDATE", conn, tx))
        {
            existing.Parameters.Add(new() { Value = projectCode });
            existing.Parameters.Add(new() { Value = version });
            if (await existing.ExecuteScalarAsync(ct) is string code)
            {
                return code;
            }
        }

        long number;
        await using (var counter = new NpgsqlCommand(
            """
            INSERT INTO ingest.archival_code_counters (fonds, category, year, tier, last_number) VALUES ($1, $2, $3, $4, 1)
            ON CONFLICT (fonds, category, year, tier) DO UPDATE SET last_number = ingest.archival_code_counters.last_number + 1
            RETURNING last_number
            """, conn, tx))
        {
            counter.Parameters.Add(new() { Value = fonds });
            counter.Parameters.Add(new() { Value = categoryCode });
            counter.Parameters.Add(new() { Value = year });
            counter.Parameters.Add(new() { Value = tier });
            number = (long)(await counter.ExecuteScalarAsync(ct))!;
        }

        var formatted = Format(fonds, categoryCode, year, tier, number);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO ingest.archival_codes (project_code, version, archival_code, fonds, category, year, tier, number)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (project_code, version) DO NOTHING
            """, conn, tx))
        {
            foreach (var value in new object[] { projectCode, version, formatted, fonds, categoryCode, year, tier, number })
            {
                insert.Parameters.Add(new() { Value = value });
            }

            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                // A concurrent run of the same seal allocated first: roll back this number (never used) and take its code.
                await tx.RollbackAsync(ct);
                return await AllocateAsync(projectCode, version, category, year, tier, ct);
            }
        }

        await tx.CommitAsync(ct);
        return formatted;
    }

    /// <summary>The 档号 of every version of a project that has one (version → code).</summary>
    /// <param name="projectCode">The (normalised) project code.</param>
    /// <param name="ct">Cancels the query.</param>
    public async Task<IReadOnlyDictionary<int, string>> OfProjectAsync(string projectCode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT version, archival_code FROM ingest.archival_codes WHERE project_code = $1");
        cmd.Parameters.Add(new() { Value = projectCode });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var codes = new Dictionary<int, string>();
        while (await r.ReadAsync(ct))
        {
            codes[r.GetInt32(0)] = r.GetString(1);
        }

        return codes;
    }

    private string Format(string fonds, string category, int year, string tier, long number) => options.Pattern
        .Replace("{fonds}", fonds, StringComparison.Ordinal)
        .Replace("{category}", category, StringComparison.Ordinal)
        .Replace("{year}", year.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{tier}", tier, StringComparison.Ordinal)
        .Replace("{number}", number.ToString(CultureInfo.InvariantCulture).PadLeft(options.NumberDigits, '0'), StringComparison.Ordinal);
}
