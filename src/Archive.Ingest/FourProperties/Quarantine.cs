using System.Text.Json.Nodes;
using Archive.Ingest.Submissions;
using Archive.Integrity.Ledger;
using Archive.Storage;
using NodaTime;
using Npgsql;

namespace Archive.Ingest.FourProperties;

/// <summary>
/// Keeps an infected item (隔离): copied to <c>quarantine/&lt;submission&gt;/&lt;sha256&gt;</c> in the online store, outside
/// staging so no cleanup removes it, recorded in <c>ingest.quarantined_items</c> and ledgered as <c>item.quarantined</c>.
/// Idempotent: a repeated seal request ledgers the same finding once.
/// </summary>
internal static class Quarantine
{
    public const string EntryType = "item.quarantined";

    public static string KeyOf(Guid submissionId, string sha256) => $"quarantine/{submissionId:N}/{sha256}";

    public static async Task KeepAsync(
        NpgsqlDataSource dataSource, ILedger ledger, IObjectStore online, Submission submission, SubmissionItem item, string signature,
        string signatureDatabase, IClock clock, CancellationToken ct)
    {
        var key = KeyOf(submission.Id, item.Sha256);
        if (await online.StatAsync(key, ct) is null)
        {
            await online.CopyAsync(item.StagingKey, key, ct);
        }

        var entry = await ledger.AppendAsync(EntryType, new JsonObject
        {
            ["project"] = submission.ProjectCode,
            ["submission"] = submission.Id.ToString(),
            ["path"] = item.Path,
            ["size"] = item.Size,
            ["sha256"] = item.Sha256,
            ["sm3"] = item.Sm3,
            ["signature"] = signature,
            ["signatureDatabase"] = signatureDatabase,
            ["quarantineKey"] = key,
        }, $"{EntryType}:{submission.Id:N}:{item.Sha256}:{item.Path}", ct);

        await using var command = dataSource.CreateCommand("""
            INSERT INTO ingest.quarantined_items (submission_id, path, sha256, sm3, size, quarantine_key, signature, ledger_index, found_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new() { Value = submission.Id });
        command.Parameters.Add(new() { Value = item.Path });
        command.Parameters.Add(new() { Value = item.Sha256 });
        command.Parameters.Add(new() { Value = item.Sm3 });
        command.Parameters.Add(new() { Value = item.Size });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = signature });
        command.Parameters.Add(new() { Value = entry.Index });
        command.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
