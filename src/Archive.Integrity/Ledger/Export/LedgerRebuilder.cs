using System.Text.Json.Nodes;
using Archive.Core.Errors;
using Archive.Integrity.Ledger.Internal;
using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Archive.Storage;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Archive.Integrity.Ledger.Export;

/// <summary>
/// Replays the ledger's export from the offline store into an empty ledger (重建): every exported entry with its exact
/// bytes and index, in one transaction that commits only when the rebuilt tree's root equals the newest checkpoint
/// witnessed in the offline store (and every segment's own checkpoint). The checkpoints that verify with the current
/// keys are restored beside the entries, so proofs from before the loss keep working.
/// </summary>
/// <param name="dataSource">The (empty) ledger's database.</param>
/// <param name="offline">The offline store holding the export and the witnessed checkpoints.</param>
/// <param name="verifierKey">The ledger's Ed25519 verifier key.</param>
/// <param name="cosignerKey">The SM2 verifier key, if checkpoints are co-signed.</param>
/// <param name="clock">The time the keys are recorded at.</param>
public sealed class LedgerRebuilder(NpgsqlDataSource dataSource, IObjectStore offline, string verifierKey, string? cosignerKey, IClock clock)
{
    private readonly NoteVerifier _verifier = NoteVerifier.Parse(verifierKey);

    /// <summary>Rebuilds the ledger; commits nothing unless the root is proven.</summary>
    /// <param name="ct">Cancels the work (nothing is committed).</param>
    /// <exception cref="RebuildException">The ledger is not empty, no checkpoint is witnessed, the export is short of the
    /// witnessed checkpoint, or a root disagrees.</exception>
    /// <exception cref="FormatException">An export segment is damaged.</exception>
    /// <exception cref="StorageException">The offline store failed.</exception>
    public async Task<LedgerRebuildResult> RebuildAsync(CancellationToken ct)
    {
        var witness = new StoreCheckpointWitness([new("offline", offline)], verifierKey);
        var witnessed = await witness.ReadNewestAsync(ct)
            ?? throw new RebuildException(ErrorKind.Unprocessable, "rebuild.no-checkpoint", "离线副本中没有可验证的已见证检查点，无法证明重建结果，未作任何更改。");

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, LockKeys.Checkpoint, ct);
        if (await LedgerQueries.GetSizeAsync(connection, transaction, ct) != 0)
        {
            throw new RebuildException(ErrorKind.Conflict, "rebuild.database-not-empty", "数据库的审计账本中已有条目：重建只能在空数据库上进行，未作任何更改。");
        }

        var notes = new SortedDictionary<long, string>();
        var segments = 0;
        long size = 0;
        while (await LedgerExporter.ReadSegmentAsync(offline, size, ct) is { } segment)
        {
            var prepared = segment.Entries.Select(Prepare).ToList();
            await LedgerSequencer.AppendAsync(connection, transaction, prepared, ct);
            size = segment.To;
            segments++;
            if (segment.CheckpointNote is { } note && Verifies(note) is { } body)
            {
                await RequireRootAsync(connection, transaction, body, "rebuild.segment-root-mismatch", ct);
                notes[body.TreeSize] = note;
            }
        }

        if (size < witnessed.TreeSize)
        {
            throw new RebuildException(ErrorKind.Unprocessable, "rebuild.export-incomplete",
                $"离线副本中的账本导出只到第 {size} 条，而已见证的最新检查点覆盖 {witnessed.TreeSize} 条：缺少的条目无法恢复，未作任何更改。");
        }

        var witnessedBody = Checkpoint.Open(witnessed.Note, _verifier);
        await RequireRootAsync(connection, transaction, witnessedBody, "rebuild.root-mismatch", ct);
        notes[witnessed.TreeSize] = witnessed.Note;
        if (size > witnessed.TreeSize && !notes.ContainsKey(size))
        {
            throw new RebuildException(ErrorKind.Unprocessable, "rebuild.unproven-tail",
                $"账本导出的第 {witnessed.TreeSize} 至 {size} 条没有签名检查点可以证明，未作任何更改。");
        }

        await RestoreCheckpointsAsync(connection, transaction, notes, ct);
        var root = await StoredHashes.TreeHashAsync(size, new StoredHashReader(connection, transaction), ct);
        await transaction.CommitAsync(ct);
        return new LedgerRebuildResult(size, root, witnessed.TreeSize, notes.Count, segments);
    }

    private static PreparedEntry Prepare(ExportedEntry entry)
    {
        var json = JsonNode.Parse(entry.Bytes) as JsonObject ?? throw new FormatException("An exported ledger entry is not a JSON object.");
        var type = json["type"]?.GetValue<string>() ?? throw new FormatException("An exported ledger entry has no type.");
        var at = InstantPattern.ExtendedIso.Parse(json["at"]?.GetValue<string>() ?? string.Empty).GetValueOrThrow();
        return new PreparedEntry(type, entry.Bytes, TreeHashing.RecordHash(entry.Bytes), entry.IdempotencyKey, at);
    }

    private Checkpoint? Verifies(string note)
    {
        try
        {
            return Checkpoint.Open(note, _verifier);
        }
        catch (Exception e) when (e is NoteVerificationException or FormatException or ArgumentException)
        {
            // Signed by an earlier key (before a rotation): the witnessed checkpoint still proves the whole tree.
            return null;
        }
    }

    private static async Task RequireRootAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Checkpoint body, string code, CancellationToken ct)
    {
        if (body.TreeSize > await LedgerQueries.GetSizeAsync(connection, transaction, ct))
        {
            return;
        }

        var root = await StoredHashes.TreeHashAsync(body.TreeSize, new StoredHashReader(connection, transaction), ct);
        if (!root.AsSpan().SequenceEqual(body.RootHash))
        {
            throw new RebuildException(ErrorKind.Integrity, code,
                $"重建的账本在第 {body.TreeSize} 条处的根哈希与离线副本中签名的检查点不一致：导出或检查点已被改动，未作任何更改。");
        }
    }

    private async Task RestoreCheckpointsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SortedDictionary<long, string> notes, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await SigningKeyRecords.EnsureCurrentAsync(connection, transaction, SigningKeyRecords.Ed25519, verifierKey, _verifier.Name, now, ct);
        Sm2NoteVerifier? sm2 = null;
        if (cosignerKey is not null)
        {
            sm2 = Sm2NoteVerifier.Parse(cosignerKey);
            await SigningKeyRecords.EnsureCurrentAsync(connection, transaction, SigningKeyRecords.Sm2, cosignerKey, _verifier.Name, now, ct);
        }

        foreach (var (treeSize, note) in notes)
        {
            var body = Checkpoint.Open(note, _verifier);
            var cosigned = sm2 is not null && CoSigned(note, sm2);
            await StoredCheckpoint.InsertAsync(
                connection, transaction, new StoredCheckpoint(treeSize, body.RootHash, note, verifierKey, cosigned ? cosignerKey : null), now, ct);
        }
    }

    private static bool CoSigned(string note, Sm2NoteVerifier sm2)
    {
        try
        {
            SignedNote.Open(note, sm2);
            return true;
        }
        catch (Exception e) when (e is NoteVerificationException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({key})", connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
