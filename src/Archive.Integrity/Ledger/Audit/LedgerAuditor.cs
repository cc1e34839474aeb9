using System.Data;
using Archive.Integrity.Ledger.Witness;
using Archive.Integrity.Merkle;
using Archive.Integrity.Notes;
using Npgsql;

namespace Archive.Integrity.Ledger.Audit;

/// <summary>
/// The ledger's self-audit (账本自检, CONTRACT §8 <c>ledger.audited</c>): recomputes every leaf hash from the stored entry
/// bytes and the whole tree from the leaves, compares them with the stored tree hashes, checks every stored checkpoint's
/// signature against the configured verifier key and its root against the recomputed tree, proves each consecutive
/// pair consistent, and compares the newest checkpoint witnessed outside the database. Reads one snapshot; writes nothing.
/// Holds the recomputed tree in memory (about two 32-byte hashes, with object overhead some 200 bytes, per entry).
/// </summary>
public sealed class LedgerAuditor
{
    private const int Chunk = 4096;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _verifierKey;
    private readonly string? _cosignerKey;
    private readonly ICheckpointWitness? _witness;

    /// <summary>Creates the auditor.</summary>
    /// <param name="dataSource">The database holding schema <c>ledger</c>.</param>
    /// <param name="verifierKey">The only key trusted to have signed checkpoints (the ledger's own).</param>
    /// <param name="witness">Where checkpoints are kept outside the database, if anywhere.</param>
    /// <param name="cosignerKey">The current SM2 co-signing key, if the ledger co-signs: a checkpoint's SM2 line by the key in
    /// effect must verify. Earlier keys are trusted only as <c>ledger.key-rotated</c> entries of the checked tree name them.</param>
    /// <exception cref="FormatException"><paramref name="verifierKey"/> is not a verifier key.</exception>
    public LedgerAuditor(NpgsqlDataSource dataSource, string verifierKey, ICheckpointWitness? witness = null, string? cosignerKey = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(verifierKey);
        _dataSource = dataSource;
        _verifierKey = NoteVerifier.Parse(verifierKey).ToVerifierKey();
        _cosignerKey = cosignerKey is null ? null : Sm2NoteVerifier.Parse(cosignerKey).ToVerifierKey();
        _witness = witness;
    }

    /// <summary>Audits the whole ledger.</summary>
    /// <param name="ct">Cancels the audit.</param>
    /// <returns>What was checked and every disagreement found.</returns>
    /// <exception cref="NpgsqlException">The database failed.</exception>
    /// <exception cref="Archive.Storage.StorageException">A witness store failed.</exception>
    public async Task<LedgerAuditReport> AuditAsync(CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var findings = new List<LedgerAuditFinding>();
        var keys = new LedgerKeyHistory(_verifierKey, _cosignerKey);
        var tree = await ReplayEntriesAsync(connection, transaction, keys, findings, ct);
        keys.CheckChain(findings);
        var checkpoints = await AuditCheckpoints.ReadAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);

        var verified = await AuditCheckpoints.CheckAsync(checkpoints, keys, tree, findings, ct);
        long? witnessedSize = null;
        if (_witness is not null && await _witness.ReadNewestAsync(ct) is { } witnessed)
        {
            witnessedSize = witnessed.TreeSize;
            await CheckWitnessAsync(witnessed, tree, verified, findings, ct);
        }

        return new LedgerAuditReport(tree.Size, checkpoints.Count, witnessedSize, findings);
    }

    private static async Task<InMemoryHashStore> ReplayEntriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerKeyHistory keys, List<LedgerAuditFinding> findings, CancellationToken ct)
    {
        var tree = new InMemoryHashStore();
        long compared = 0;
        var hashesAgree = true;
        while (true)
        {
            var rows = await AuditQueries.ReadEntriesAsync(connection, transaction, tree.Size, Chunk, ct);
            foreach (var (index, bytes) in rows)
            {
                if (index != tree.Size)
                {
                    findings.Add(new("entry.missing", tree.Size, $"Entry {tree.Size} is missing; the next stored entry is {index}."));
                    return tree;
                }

                tree.Append(bytes);
                keys.Observe(index, bytes, findings);
            }

            if (hashesAgree)
            {
                hashesAgree = await CompareStoredHashesAsync(connection, transaction, tree, compared, findings, ct);
                compared = tree.HashCount;
            }

            if (rows.Count < Chunk)
            {
                break;
            }
        }

        var extra = await AuditQueries.CountHashesFromAsync(connection, transaction, tree.HashCount, ct);
        if (extra > 0)
        {
            findings.Add(new("hashes.extra", tree.Size,
                $"{extra} stored tree hashes lie beyond the {tree.Size} entries: entries from {tree.Size} on were deleted."));
        }

        return tree;
    }

    private static async Task<bool> CompareStoredHashesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, InMemoryHashStore tree, long from, List<LedgerAuditFinding> findings, CancellationToken ct)
    {
        var stored = await AuditQueries.ReadHashesAsync(connection, transaction, from, tree.HashCount, ct);
        var indexes = new List<long>();
        for (var i = from; i < tree.HashCount; i++)
        {
            indexes.Add(i);
        }

        var recomputed = await tree.ReadHashesAsync(indexes, ct);
        for (var i = 0; i < recomputed.Count; i++)
        {
            var storedIndex = from + i;
            var (level, n) = StoredHashes.SplitStoredHashIndex(storedIndex);
            var leaf = n << level;
            if (i >= stored.Count || stored[i].Index != storedIndex)
            {
                findings.Add(new("hashes.missing", leaf, $"Stored tree hash {storedIndex} (level {level}) is missing."));
                return false;
            }

            if (!stored[i].Hash.AsSpan().SequenceEqual(recomputed[i]))
            {
                findings.Add(level == 0
                    ? new("entry.changed", leaf, $"Entry {leaf}: its bytes do not hash to the stored leaf hash; the entry or the order of entries was changed.")
                    : new("hashes.changed", leaf, $"Stored tree hash {storedIndex} (level {level}, from entry {leaf}) differs from the hash recomputed from the entries."));
                return false;
            }
        }

        return true;
    }

    private static async Task CheckWitnessAsync(
        WitnessedCheckpoint witnessed, InMemoryHashStore tree, IReadOnlyList<(long Size, byte[] Root)> verified, List<LedgerAuditFinding> findings, CancellationToken ct)
    {
        if (witnessed.TreeSize > tree.Size)
        {
            findings.Add(new("witness.ahead", tree.Size,
                $"Checkpoint {witnessed.TreeSize} was witnessed in the {witnessed.Store} store but the database holds {tree.Size} entries: " +
                "the database was restored from an older backup or entries were deleted."));
            return;
        }

        var root = await StoredHashes.TreeHashAsync(witnessed.TreeSize, tree, ct);
        if (!root.AsSpan().SequenceEqual(witnessed.Root))
        {
            var lastGood = verified.Where(c => c.Size <= witnessed.TreeSize).Select(c => c.Size).DefaultIfEmpty(0).Max();
            findings.Add(new("witness.root", lastGood,
                $"The entries' tree of size {witnessed.TreeSize} differs from the checkpoint witnessed in the {witnessed.Store} store: the ledger was rewritten."));
        }
    }
}
