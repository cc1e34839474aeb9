using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.Arrangement;

/// <summary>Restoring a 档号 read back from a version's bag (rebuilding the catalogue from the offline copy).</summary>
public sealed partial class ArchivalCodes
{
    /// <summary>
    /// Records the 档号 a bag's <c>bag-info.txt</c> carries for its version, and moves the counter past its number so the
    /// code is never given out again. The parts the configured pattern holds are read from the code; the others are what
    /// sealing used (the category, the seal's year). Idempotent: a version that has a code keeps it.
    /// </summary>
    /// <param name="projectCode">The project.</param>
    /// <param name="version">The version.</param>
    /// <param name="archivalCode">The code from the bag.</param>
    /// <param name="category">The category slug (from the manifest).</param>
    /// <param name="sealedAt">When the version was sealed (from the manifest).</param>
    /// <param name="ct">Cancels the transaction.</param>
    /// <returns>False when the code does not fit the configured pattern (nothing is recorded then).</returns>
    public async Task<bool> RestoreAsync(string projectCode, int version, string archivalCode, string category, Instant sealedAt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(archivalCode);
        var match = PatternRegex(options.Pattern).Match(archivalCode);
        if (!match.Success)
        {
            return false;
        }

        string Part(string name, string fallback) => match.Groups[name] is { Success: true } g ? g.Value : fallback;
        var fonds = Part("fonds", options.FondsCode);
        var categoryCode = Part("category", CategoryCode(category));
        var year = int.Parse(Part("year", Sealing.Internal.RetentionDates.SealDate(sealedAt).Year.ToString("D4", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var tier = Part("tier", "Y");
        var number = long.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO ingest.archival_codes (project_code, version, archival_code, fonds, category, year, tier, number)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
            """, conn, tx))
        {
            foreach (var value in new object[] { projectCode, version, archivalCode, fonds, categoryCode, year, tier, number })
            {
                insert.Parameters.Add(new() { Value = value });
            }

            await insert.ExecuteNonQueryAsync(ct);
        }

        await using (var counter = new NpgsqlCommand(
            """
            INSERT INTO ingest.archival_code_counters (fonds, category, year, tier, last_number) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (fonds, category, year, tier) DO UPDATE SET last_number = GREATEST(ingest.archival_code_counters.last_number, $5)
            """, conn, tx))
        {
            foreach (var value in new object[] { fonds, categoryCode, year, tier, number })
            {
                counter.Parameters.Add(new() { Value = value });
            }

            await counter.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The pattern as a regular expression with a named group per placeholder.</summary>
    /// <param name="pattern">E.g. <c>{fonds}-{category}-{year}-{tier}-{number}</c>.</param>
    internal static Regex PatternRegex(string pattern) => new(
        "^" + Regex.Escape(pattern)
            .Replace(@"\{fonds}", "(?<fonds>.+?)", StringComparison.Ordinal)
            .Replace(@"\{category}", "(?<category>[A-Z]+)", StringComparison.Ordinal)
            .Replace(@"\{year}", "(?<year>[0-9]{4})", StringComparison.Ordinal)
            .Replace(@"\{tier}", "(?<tier>Y|D30|D10)", StringComparison.Ordinal)
            .Replace(@"\{number}", "(?<number>[0-9]+)", StringComparison.Ordinal) + "$",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
