using NodaTime;
using Npgsql;

namespace Archive.Integrity.Ledger.Internal;

/// <summary>
/// The rows of <c>ledger.verifier_keys</c>: per algorithm, the newest recorded key is the one checkpoints are signed
/// with. A host configured with another key refuses to sign, unless that key was introduced by a rotation.
/// </summary>
internal static class SigningKeyRecords
{
    public const string Ed25519 = "ed25519";
    public const string Sm2 = "sm2";

    /// <summary>Records <paramref name="verifierKey"/> on first use of the algorithm, or checks it is the newest recorded.</summary>
    /// <returns>True when the key was recorded now.</returns>
    public static async Task<bool> EnsureCurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string algorithm, string verifierKey, string name, Instant now, CancellationToken ct)
    {
        if (await ReadCurrentAsync(connection, transaction, algorithm, ct) is { } recorded)
        {
            if (!string.Equals(recorded, verifierKey, StringComparison.Ordinal))
            {
                throw new LedgerIntegrityException(
                    $"The ledger's {algorithm} signing key (verifier key {verifierKey}) is not the key recorded for earlier checkpoints " +
                    $"({recorded}). Refusing to sign: configure the current signing key, or rotate keys deliberately " +
                    "(archive ledger rotate-key).");
            }

            return false;
        }

        await RecordAsync(connection, transaction, algorithm, verifierKey, name, now, ct);
        return true;
    }

    public static async Task<string?> ReadCurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string algorithm, CancellationToken ct)
    {
        const string sql = """
            SELECT verifier_key FROM ledger.verifier_keys WHERE algorithm = @algorithm
            ORDER BY recorded_at DESC, verifier_key DESC LIMIT 1
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("algorithm", algorithm);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Records a key strictly after every key recorded so far, so it becomes the newest even under a fixed clock.</summary>
    public static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string algorithm, string verifierKey, string name, Instant now, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO ledger.verifier_keys (verifier_key, name, recorded_at, algorithm)
            SELECT @key, @name, GREATEST(@at, max(recorded_at) + interval '1 millisecond'), @algorithm FROM ledger.verifier_keys
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("key", verifierKey);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("at", now);
        command.Parameters.AddWithValue("algorithm", algorithm);
        await command.ExecuteNonQueryAsync(ct);
    }
}
